-- Service lifecycle and linked templates.
--   status: 'active' or 'suspended'. A suspended service keeps its data; its members cannot use it.
--   template: a service kept only to be cloned; it holds no case file.
ALTER TABLE tenants ADD COLUMN status   VARCHAR(16) NOT NULL DEFAULT 'active';
ALTER TABLE tenants ADD COLUMN template BOOLEAN     NOT NULL DEFAULT FALSE;

-- For each published version of a clone's form, the version of its source's form it holds (the
-- clone's first version: the one it was cloned from; later ones: the one last pulled in). The
-- source's versions are immutable and keep their customisation, so the source version held by the
-- clone's latest version is the common ancestor of the next three-way merge; restoring an old
-- version of the clone restores the source version it held with it.
CREATE TABLE form_upstreams (
    tenant_id      BIGINT      NOT NULL,
    form_key       VARCHAR(64) NOT NULL,
    version        INT         NOT NULL,
    source_version INT         NOT NULL,
    taken_at       DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, form_key, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A draft remembers which source version it holds when that is not its published version's (updates
-- pulled in, or an old version restored); publishing it records that version in form_upstreams.
ALTER TABLE form_drafts ADD COLUMN upstream_version INT NULL;

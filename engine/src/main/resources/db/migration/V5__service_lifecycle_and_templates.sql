-- Service lifecycle and linked templates.
--   status: 'active' or 'suspended'. A suspended service keeps its data; its members cannot use it.
--   template: a service kept only to be cloned; it holds no case file.
ALTER TABLE tenants ADD COLUMN status   VARCHAR(16) NOT NULL DEFAULT 'active';
ALTER TABLE tenants ADD COLUMN template BOOLEAN     NOT NULL DEFAULT FALSE;

-- For a clone, the version of its source's form it last took (at cloning, then at each publish of
-- a draft into which the source's updates were pulled). The source's versions are immutable and
-- keep their customisation, so this version is the common ancestor of a three-way merge.
CREATE TABLE form_upstreams (
    tenant_id      BIGINT      NOT NULL,
    form_key       VARCHAR(64) NOT NULL,
    source_version INT         NOT NULL,
    taken_at       DATETIME(6) NOT NULL,
    PRIMARY KEY (tenant_id, form_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A draft into which the source's updates were pulled remembers which source version it holds;
-- publishing it records that version in form_upstreams.
ALTER TABLE form_drafts ADD COLUMN upstream_version INT NULL;

-- The no-code designer: each service works on one draft customisation per form, published as
-- the next immutable version. Each version keeps the customisation it was compiled from (null for
-- a version published as a whole definition), so that an old version can be restored as a draft.

CREATE TABLE form_drafts (
    tenant_id     BIGINT       NOT NULL,
    form_key      VARCHAR(64)  NOT NULL,
    customisation JSON         NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    updated_by    VARCHAR(255) NOT NULL,
    PRIMARY KEY (tenant_id, form_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE form_versions ADD COLUMN customisation JSON NULL;

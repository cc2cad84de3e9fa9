-- The documents of case files (attachment/AttachmentService). A row describes one file whose bytes
-- live in the attachment store under t/<tenant id>/<id>; record_id is NULL while the file is staged
-- (uploaded, the save that names it not yet committed), and set by that save's transaction. The
-- name is kept as given and shown escaped; the content type is the one detected from the bytes.
-- Deleted with the case file by retention/CaseFileErasure, the one deletion path. Additive.
CREATE TABLE attachments (
    tenant_id     BIGINT        NOT NULL,
    id            VARCHAR(64)   NOT NULL,
    record_id     BINARY(16)    NULL,
    field_path    VARCHAR(512)  NOT NULL,
    file_name     VARCHAR(255)  NOT NULL,
    content_type  VARCHAR(128)  NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    sha256        CHAR(64)      NOT NULL,
    created_at    DATETIME(6)   NOT NULL,
    created_by    VARCHAR(255)  NOT NULL,
    PRIMARY KEY (tenant_id, id),
    KEY attachments_record (tenant_id, record_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Objects whose rows are gone and whose bytes are still to delete from the store: written in the
-- transaction that deletes the rows, removed once the object is deleted after the commit, so a run
-- interrupted in between is finished by the next one. object_id '*' stands for every object of a
-- service deleted whole. Keyed by service_id, not tenant_id: a queue of the platform that must
-- outlive the service's own rows (it holds object ids only, nothing about a person).
CREATE TABLE attachment_deletions (
    service_id    BIGINT        NOT NULL,
    object_id     VARCHAR(64)   NOT NULL,
    requested_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (service_id, object_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

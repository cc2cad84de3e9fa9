-- How long each service keeps its case files (RetentionPolicy): calendar years active, the year of
-- the last activity included, and years kept after that year, archive included. The defaults are
-- the platform's (2 active, kept up to N-5), so every existing service keeps its behaviour. The
-- bounds a super-admin may choose are RetentionPolicy's; the check only keeps the two in order.
-- Additive: a node that does not know the columns ignores them.
ALTER TABLE tenants
    ADD COLUMN retention_active_years SMALLINT NOT NULL DEFAULT 2,
    ADD COLUMN retention_kept_years   SMALLINT NOT NULL DEFAULT 5,
    ADD CONSTRAINT tenants_retention_in_order
        CHECK (retention_active_years >= 1 AND retention_kept_years >= retention_active_years);

-- A service created by cloning remembers the service it was cloned from, so that it can later be
-- offered the source's improvements (null for a service created from the base form).
ALTER TABLE tenants ADD COLUMN source_tenant_id BIGINT NULL;

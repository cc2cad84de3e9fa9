-- When a service's status last changed. A service can be deleted only once its suspension has
-- settled: every app node reads the status through a short cache, and a request under way when the
-- suspension was decided must have ended, so that no write reaches a service being deleted.
ALTER TABLE tenants ADD COLUMN status_changed_at DATETIME(6) NULL;

-- A case file that lacks a field its service's published form now requires is "à compléter":
-- the flag is kept by the server on every save and recomputed for a service's existing case
-- files when a form is published, so the list can filter on it from an index instead of reading
-- every JSON row. Additive (expand): an older node that does not write it leaves it false.
ALTER TABLE records
    ADD COLUMN to_complete BOOLEAN NOT NULL DEFAULT FALSE,
    ADD KEY records_to_complete (tenant_id, form_key, to_complete, updated_at);

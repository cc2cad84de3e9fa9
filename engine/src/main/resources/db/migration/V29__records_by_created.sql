-- The dashboard counts the case files opened per month over the last twelve months by their
-- creation time. Without an index on it, that count read every row of the service (200,000 JSON
-- rows for a large one) on every dashboard; with this one it reads the twelve months' range of
-- the index only. Additive (expand): an older node neither needs nor minds it. Cost: one more
-- small index entry (tenant, form, time, primary key) per case file written.
ALTER TABLE records
    ADD KEY records_by_created (tenant_id, form_key, created_at);

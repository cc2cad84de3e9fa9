-- The dashboard counts the case files opened per month over the last twelve months by their
-- creation time. Without an index on it, that count read every row of the service (200,000 JSON
-- rows for a large one) on every dashboard; with this one it reads the twelve months' range of
-- the index only. Additive (expand): an older node neither needs nor minds it. Cost: one more
-- small index entry (tenant, form, time, primary key) per case file written.
ALTER TABLE records
    ADD KEY records_by_created (tenant_id, form_key, created_at);
-- A search by one name prefix reads the matches from the last-name index and from this one
-- (record/NameSearch), each entry checked for the search's conditions in the index alone: the
-- first-name index gains the last name (the search's condition names both) and last_activity_at
-- (the phase), as V15 gave the other list indexes. Same name and leading columns (expand).
ALTER TABLE records
    DROP KEY records_by_first_name,
    ADD KEY records_by_first_name (tenant_id, form_key, first_name, last_name, id, last_activity_at);

-- The list's count of a service's active case files (or of its archives) with no filter and no
-- search, the most frequent count of all: read from this index it is a range of the entries of
-- one phase, 3 columns each, instead of a walk of the list index (9 columns) checking each
-- entry's last activity, about half the time at 10,000 case files. And a page asked past the
-- last one needs no walk at all: the count says it is empty. records_by_activity (V1) has no
-- form and serves the lifecycle pass across forms. Additive (expand): an older node neither
-- needs nor minds it. Cost: one more small index entry per case file, rewritten with each save.
ALTER TABLE records
    ADD KEY records_by_form_activity (tenant_id, form_key, last_activity_at);

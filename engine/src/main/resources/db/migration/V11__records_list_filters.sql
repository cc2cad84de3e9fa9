-- The case-file list filters on status, antenne, référent, "à compléter" and sorts by name, last
-- update or opening date. The base fields it filters and sorts on become stored generated columns
-- (status already is one), and each filter has an index per sort order, so that a filtered,
-- sorted page is read in order from an index and stops after one page (no filesort of every
-- match), and its COUNT is a range of that same index. Additive (expand): an older node neither
-- reads nor writes these columns, and MariaDB computes them on its inserts as on ours.
-- RecordListIndex chooses among these indexes by name; renaming one here means renaming it there.
ALTER TABLE records
    ADD COLUMN antenne   VARCHAR(40)  GENERATED ALWAYS AS (LEFT(JSON_UNQUOTE(JSON_EXTRACT(data, '$.accompagnement.antenne')), 40)) STORED,
    ADD COLUMN referent  VARCHAR(100) GENERATED ALWAYS AS (LEFT(JSON_UNQUOTE(JSON_EXTRACT(data, '$.accompagnement.referent')), 100)) STORED,
    ADD COLUMN opened_on CHAR(10)     GENERATED ALWAYS AS (LEFT(JSON_UNQUOTE(JSON_EXTRACT(data, '$.accompagnement.date_ouverture')), 10)) STORED,
    -- No filter, by opening date (by update and by name: records_list and records_by_last_name).
    ADD KEY records_by_opened (tenant_id, form_key, opened_on),
    -- Status, alone or with antenne (by update: records_by_status).
    ADD KEY records_by_status_name (tenant_id, form_key, status, last_name, first_name),
    ADD KEY records_by_status_opened (tenant_id, form_key, status, opened_on),
    ADD KEY records_by_status_antenne (tenant_id, form_key, status, antenne, updated_at),
    ADD KEY records_by_status_antenne_name (tenant_id, form_key, status, antenne, last_name, first_name),
    ADD KEY records_by_status_antenne_opened (tenant_id, form_key, status, antenne, opened_on),
    -- Antenne.
    ADD KEY records_by_antenne (tenant_id, form_key, antenne, updated_at),
    ADD KEY records_by_antenne_name (tenant_id, form_key, antenne, last_name, first_name),
    ADD KEY records_by_antenne_opened (tenant_id, form_key, antenne, opened_on),
    -- Référent (and "mes dossiers").
    ADD KEY records_by_referent (tenant_id, form_key, referent, updated_at),
    ADD KEY records_by_referent_name (tenant_id, form_key, referent, last_name, first_name),
    ADD KEY records_by_referent_opened (tenant_id, form_key, referent, opened_on),
    -- À compléter (by update: records_to_complete, from V9).
    ADD KEY records_to_complete_name (tenant_id, form_key, to_complete, last_name, first_name),
    ADD KEY records_to_complete_opened (tenant_id, form_key, to_complete, opened_on);

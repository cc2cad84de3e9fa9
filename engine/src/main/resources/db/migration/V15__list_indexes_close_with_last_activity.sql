-- The list and search show active case files by default and archived ones on request:
-- each filters on last_activity_at (CaseFilePhase). Every list index gains last_activity_at as its
-- last column, so a page and its capped count are still read from the index alone ("Using index")
-- without fetching each row for its last activity. Same names and leading columns: RecordListIndex
-- and an older node use them as before (expand; nothing to contract). Cost: 8 bytes more per row in
-- each of these 20 indexes, and one rebuild of them (in place, online on MariaDB) when it runs.
ALTER TABLE records
    DROP KEY records_list,
    ADD KEY records_list (tenant_id, form_key, updated_at, id, last_name, first_name, birth_date, status, last_activity_at),
    DROP KEY records_by_last_name,
    ADD KEY records_by_last_name (tenant_id, form_key, last_name, first_name, id, last_activity_at),
    DROP KEY records_by_status,
    ADD KEY records_by_status (tenant_id, form_key, status, updated_at, id, last_activity_at),
    DROP KEY records_to_complete,
    ADD KEY records_to_complete (tenant_id, form_key, to_complete, updated_at, id, last_activity_at),
    DROP KEY records_by_opened,
    ADD KEY records_by_opened (tenant_id, form_key, opened_on, id, last_activity_at),
    DROP KEY records_by_status_name,
    ADD KEY records_by_status_name (tenant_id, form_key, status, last_name, first_name, id, last_activity_at),
    DROP KEY records_by_status_opened,
    ADD KEY records_by_status_opened (tenant_id, form_key, status, opened_on, id, last_activity_at),
    DROP KEY records_by_status_antenne,
    ADD KEY records_by_status_antenne (tenant_id, form_key, status, antenne, updated_at, id, last_activity_at),
    DROP KEY records_by_status_antenne_name,
    ADD KEY records_by_status_antenne_name (tenant_id, form_key, status, antenne, last_name, first_name, id, last_activity_at),
    DROP KEY records_by_status_antenne_opened,
    ADD KEY records_by_status_antenne_opened (tenant_id, form_key, status, antenne, opened_on, id, last_activity_at),
    DROP KEY records_by_antenne,
    ADD KEY records_by_antenne (tenant_id, form_key, antenne, updated_at, id, last_activity_at),
    DROP KEY records_by_antenne_name,
    ADD KEY records_by_antenne_name (tenant_id, form_key, antenne, last_name, first_name, id, last_activity_at),
    DROP KEY records_by_antenne_opened,
    ADD KEY records_by_antenne_opened (tenant_id, form_key, antenne, opened_on, id, last_activity_at),
    DROP KEY records_by_referent,
    ADD KEY records_by_referent (tenant_id, form_key, referent, updated_at, id, last_activity_at),
    DROP KEY records_by_referent_name,
    ADD KEY records_by_referent_name (tenant_id, form_key, referent, last_name, first_name, id, last_activity_at),
    DROP KEY records_by_referent_opened,
    ADD KEY records_by_referent_opened (tenant_id, form_key, referent, opened_on, id, last_activity_at),
    DROP KEY records_to_complete_name,
    ADD KEY records_to_complete_name (tenant_id, form_key, to_complete, last_name, first_name, id, last_activity_at),
    DROP KEY records_to_complete_opened,
    ADD KEY records_to_complete_opened (tenant_id, form_key, to_complete, opened_on, id, last_activity_at);

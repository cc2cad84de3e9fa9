-- The platform statistics, counted as case files are written instead of read from every case file
-- at each report (stats/CaseFileCounts). Triggers on records (created by migration 28.1, generated
-- from the base's shared fields) append one row to statistics_deltas per change that matters to a
-- count: +1 with the new values, -1 with the old ones. A fold (on each report, and every few
-- minutes by the scheduler) adds a service's deltas into statistics_counts and deletes them, so a
-- report reads a few hundred counts per service, whatever the number of case files.
-- Neither table names a case file: a delta holds two times and, per shared field, the position of
-- the base's option it answers (0 for none), never a value typed in. Emptied with the service;
-- derived from records, so never carried by a service's move (its records count again as they load).
-- Additive (expand): an older node ignores both tables; its writes still fire the triggers.
CREATE TABLE statistics_counts (
    tenant_id     BIGINT       NOT NULL,
    -- the year of last activity in Paris: a case file's phase (active, archived, due) follows it
    activity_year SMALLINT     NOT NULL,
    -- 'kept' (every case file), 'created' (answer: the month of creation, yyyy-MM, in Paris), or a
    -- shared field's JSON path (answer: the base's option value)
    dimension     VARCHAR(191) NOT NULL,
    answer        VARCHAR(191) NOT NULL,
    n             BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, activity_year, dimension, answer)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE statistics_deltas (
    tenant_id        BIGINT       NOT NULL,
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    sign             TINYINT      NOT NULL,
    last_activity_at DATETIME(6)  NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    -- per shared field, in the order of migration 28.1, the 1-based position of the option answered, else 0
    answers          VARCHAR(255) NOT NULL,
    PRIMARY KEY (tenant_id, id),
    KEY statistics_deltas_id (id)
) ENGINE = InnoDB DEFAULT CHARSET = ascii COLLATE = ascii_bin;

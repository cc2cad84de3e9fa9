package org.dossier.audit;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Migration 31.1: the trigger through which the statement that moves a chain's head also appends
 * its event ({@link AuditEventDao}). Before the head row is written, when the writer set an event
 * in its {@code next_*} columns, it inserts that event into {@code audit_events} at the head's new
 * place, linked to the hash the head had, and empties the columns. It refuses a move that is not
 * exactly one place forward: the link between two events is the database's to make, not the
 * writer's. Not in a transaction, as MySQL commits around a trigger's creation; run again after a
 * failure, it replaces the trigger.
 *
 * <p>On MySQL with binary logging, creating a trigger takes the SUPER privilege or
 * {@code log_bin_trust_function_creators = 1} (see the README's production section).
 */
public final class ChainAppendTrigger implements JavaMigration {
    static final String NAME = "audit_chain_append";

    /** The trigger, one statement (the body is compared with the database's by {@code ChainAppendTriggerTest}). */
    static final String CREATE = "CREATE TRIGGER " + NAME + " BEFORE UPDATE ON audit_chain_heads FOR EACH ROW\n" + """
            BEGIN
                IF NEW.next_id IS NOT NULL THEN
                    IF NEW.seq <> OLD.seq + 1 THEN
                        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'an audit event must follow the head of its chain';
                    END IF;
                    INSERT INTO audit_events (tenant_id, id, occurred_at, actor, action, target_type, target_id,
                                              client_address, details, seq, prev_hash, hash, salt)
                    VALUES (NEW.tenant_id, NEW.next_id, NEW.next_occurred_at, NEW.next_actor, NEW.next_action,
                            NEW.next_target_type, NEW.next_target_id, NEW.next_client_address, NEW.next_details,
                            NEW.seq, OLD.hash, NEW.hash, NEW.next_salt);
                    SET NEW.next_id = NULL, NEW.next_occurred_at = NULL, NEW.next_actor = NULL, NEW.next_action = NULL,
                        NEW.next_target_type = NULL, NEW.next_target_id = NULL, NEW.next_client_address = NULL,
                        NEW.next_details = NULL, NEW.next_salt = NULL;
                END IF;
            END""";

    /** What the database keeps of the trigger: its body. */
    static String body() {
        return CREATE.substring(CREATE.indexOf("BEGIN"));
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("31.1");
    }

    @Override
    public String getDescription() {
        return "append audit events through their chain's head";
    }

    @Override
    public Integer getChecksum() {
        return 311;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) {
        // Flyway owns the connection: the handle is not closed here.
        Handle handle = Jdbi.open(context.getConnection());
        handle.execute("DROP TRIGGER IF EXISTS " + NAME);
        handle.execute(CREATE);
    }
}

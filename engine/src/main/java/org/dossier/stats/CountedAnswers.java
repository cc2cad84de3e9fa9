package org.dossier.stats;

import java.util.List;
import java.util.stream.Collectors;
import org.dossier.form.BaseSchema;
import org.dossier.form.FormService;
import org.dossier.stats.SharedFields.Option;
import org.dossier.stats.SharedFields.SharedField;

/**
 * What the triggers on {@code records} write to {@code statistics_deltas}: per shared field of the
 * base, in the base's order, the 1-based position of the base's option a case file answers, 0 when
 * it answers none (no value, a value of no option, a sealed confidential value), joined by commas.
 * Positions only: no value typed in by a caseworker ever reaches the statistics tables.
 *
 * <p>The triggers are generated from {@link #FIELDS} when migration 28.1 runs (and again, in their
 * present shape, by migrations 32 and 33: {@link CountingTriggers}). A release whose base
 * shares other fields or options must recreate them in a new migration ({@link #triggers()} again,
 * then count again): {@code CaseFileCountsTest} compares the database's triggers with this class and
 * fails until it does.
 */
public final class CountedAnswers {
    /** The fields counted, in the order of their positions in {@code statistics_deltas.answers}. */
    public static final List<SharedField> FIELDS = SharedFields.of(BaseSchema.baseSchema());

    static final String INSERT_TRIGGER = "records_statistics_insert";
    static final String UPDATE_TRIGGER = "records_statistics_update";
    static final String DELETE_TRIGGER = "records_statistics_delete";

    private CountedAnswers() {}

    /**
     * The SQL expression of a case file's answers, on the row {@code row} ({@code NEW}, {@code OLD} or a
     * table alias). {@code FIELD} compares bytes (the cast), as the report compares option values.
     *
     * <p>Each value is read by {@code JSON_VALUE}, which answers what {@code JSON_UNQUOTE(JSON_EXTRACT(…))}
     * answered wherever the position can differ from 0 (a string; an object, an array, a number or a
     * null matches no option either way), in 40 % of its time on MariaDB 11.4: 13 µs instead of 34 µs
     * for the seven values of a case file, run by every save (twice by a change). Since migration 33.
     */
    public static String expression(String row) {
        return FIELDS.stream().map(field -> "FIELD(CAST(JSON_VALUE(" + row + ".data, '"
                        + field.jsonPath() + "') AS BINARY), " + field.options().stream().map(Option::value)
                        .map(CountedAnswers::literal).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", ", "CONCAT_WS(',', ", ")"));
    }

    /**
     * The three triggers: a case file created counts +1, deleted -1, and changed -1 with its old values
     * and +1 with its new ones, only when its last activity, its creation or one of its answers changed
     * (the list's to-complete mark, for one, changes none of them).
     *
     * <p>Each delta is written by an {@code INSERT … VALUES} under an {@code IF}, not by an
     * {@code INSERT … SELECT … WHERE}: on MariaDB an {@code INSERT … SELECT} ends by writing the redo
     * log out to disk, which made every save of a case file wait for the disk once more before its
     * commit (about a tenth of the database's time per save). Since migration 32.
     */
    public static List<String> triggers() {
        String form = literal(FormService.CASE_FILE);
        String changed = "NOT (OLD.last_activity_at <=> NEW.last_activity_at AND OLD.created_at <=> NEW.created_at AND "
                + expression("OLD") + " <=> " + expression("NEW") + " AND OLD.form_key <=> NEW.form_key"
                + " AND OLD.tenant_id <=> NEW.tenant_id)";
        // Each delta carries its case file's tenant_id: on a database sharded by tenant, it stays on its shard.
        return List.of(
                "CREATE TRIGGER " + INSERT_TRIGGER + " AFTER INSERT ON records FOR EACH ROW\nBEGIN\n"
                        + "    IF NEW.form_key = " + form + " THEN " + delta("NEW", 1) + " END IF;\nEND",
                "CREATE TRIGGER " + DELETE_TRIGGER + " AFTER DELETE ON records FOR EACH ROW\nBEGIN\n"
                        + "    IF OLD.form_key = " + form + " THEN " + delta("OLD", -1) + " END IF;\nEND",
                "CREATE TRIGGER " + UPDATE_TRIGGER + " AFTER UPDATE ON records FOR EACH ROW\nBEGIN\n"
                        + "    IF " + changed + " THEN\n"
                        + "        IF OLD.form_key = " + form + " THEN " + delta("OLD", -1) + " END IF;\n"
                        + "        IF NEW.form_key = " + form + " THEN " + delta("NEW", 1) + " END IF;\n"
                        + "    END IF;\nEND");
    }

    /** The triggers' names, as {@link #triggers} creates them. */
    static List<String> triggerNames() {
        return List.of(INSERT_TRIGGER, DELETE_TRIGGER, UPDATE_TRIGGER);
    }

    /** One delta of {@code sign} with the values of {@code row} ({@code NEW} or {@code OLD}). */
    private static String delta(String row, int sign) {
        return "INSERT INTO statistics_deltas (tenant_id, sign, last_activity_at, created_at, answers) VALUES ("
                + row + ".tenant_id, " + sign + ", " + row + ".last_activity_at, " + row + ".created_at, "
                + expression(row) + ");";
    }

    /** The positions written by {@link #expression}, one per field of {@link #FIELDS} (0: no option answered). */
    static int[] positions(String answers) {
        int[] positions = new int[FIELDS.size()];
        String[] parts = answers.split(",", -1);
        for (int i = 0; i < positions.length && i < parts.length; i++) {
            positions[i] = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
        }
        return positions;
    }

    private static String literal(String value) {
        if (!value.matches("[A-Za-z0-9_.$ -]*")) {
            // The base's paths and option values are identifiers: anything else would need escaping here.
            throw new IllegalStateException("Not a plain identifier in the base's shared fields: " + value);
        }
        return "'" + value + "'";
    }
}

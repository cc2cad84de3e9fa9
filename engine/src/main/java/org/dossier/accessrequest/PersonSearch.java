package org.dossier.accessrequest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.dossier.record.RecordId;
import org.dossier.retention.CaseFilePhase;
import org.dossier.retention.Retention;
import org.dossier.retention.RetentionPolicies;
import org.dossier.tenant.TenantId;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dossier.audit.Actor;
import org.dossier.audit.AuditLog;
import org.jdbi.v3.core.Jdbi;

/**
 * Finds the case files of one service about a person, whatever their phase: an access request is
 * answered for every file the service holds, the archived ones included. Reads the indexed name
 * and birth-date columns of {@code records}, never the JSON. A search is an audit event
 * ({@code person.searched}: which criteria were given and how many files were found, never the terms).
 */
public final class PersonSearch {
    /** The most case files one search lists; a request matching more needs a closer search. */
    public static final int LIMIT = 100;

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog audit;
    private final ObjectMapper json;

    public PersonSearch(Jdbi jdbi, Clock clock, AuditLog audit, ObjectMapper json) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
        this.json = json;
    }

    private record Row(RecordId id, String formKey, String lastName, String firstName, String birthDate,
                       Instant lastActivityAt, boolean held) {}

    /** The matching case files, by name; empty for a query that is not {@link PersonQuery#searchable}. */
    public List<PersonMatch> find(TenantId tenantId, PersonQuery query, Actor searcher) {
        if (!query.searchable()) {
            return List.of();
        }
        List<PersonMatch> found = find(tenantId, query);
        jdbi.useHandle(handle -> audit.record(handle, tenantId, searcher, "person.searched", "records", null,
                json.createObjectNode().put("lastName", query.lastName().isPresent())
                        .put("firstName", query.firstName().isPresent())
                        .put("birthDate", query.birthDate().isPresent()).put("found", found.size())));
        return found;
    }

    private List<PersonMatch> find(TenantId tenantId, PersonQuery query) {
        Retention retention = Retention.at(clock.instant(),
                jdbi.withHandle(handle -> RetentionPolicies.of(handle, tenantId)));
        List<Row> rows = jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT r.id, r.form_key, r.last_name, r.first_name, r.birth_date, r.last_activity_at,
                               EXISTS (SELECT 1 FROM record_holds h
                                        WHERE h.tenant_id = :tenantId AND h.record_id = r.id) AS held
                          FROM records r
                         WHERE r.tenant_id = :tenantId
                           AND (:lastName IS NULL OR r.last_name LIKE :lastName ESCAPE '!')
                           AND (:firstName IS NULL OR r.first_name LIKE :firstName ESCAPE '!')
                           AND (:birthDate IS NULL OR r.birth_date = :birthDate)
                         ORDER BY r.last_name, r.first_name, r.birth_date, r.id
                         LIMIT :limit
                        """)
                .bind("tenantId", tenantId)
                .bind("lastName", query.lastName().map(PersonSearch::prefix).orElse(null))
                .bind("firstName", query.firstName().map(PersonSearch::prefix).orElse(null))
                .bind("birthDate", query.birthDate().map(Object::toString).orElse(null))
                .bind("limit", LIMIT)
                .map((rs, ctx) -> new Row(RecordId.fromBytes(rs.getBytes("id")), rs.getString("form_key"),
                        rs.getString("last_name"), rs.getString("first_name"), rs.getString("birth_date"),
                        rs.getTimestamp("last_activity_at").toInstant(), rs.getBoolean("held")))
                .list());
        return rows.stream().map(row -> new PersonMatch(row.id(), row.formKey(), nonNull(row.lastName()),
                nonNull(row.firstName()), nonNull(row.birthDate()),
                CaseFilePhase.of(retention, row.lastActivityAt(), row.held()), row.held(),
                retention.dueForDeletionOn(row.lastActivityAt()))).toList();
    }

    /** A LIKE pattern matching from the start, the user's {@code %} and {@code _} taken literally. */
    private static String prefix(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}

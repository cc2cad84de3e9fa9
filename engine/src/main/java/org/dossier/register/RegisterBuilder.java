package org.dossier.register;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dossier.account.Permission;
import org.dossier.account.Role;
import org.dossier.register.ProcessingRegister.Category;
import org.dossier.register.ProcessingRegister.FieldEntry;
import org.dossier.register.ProcessingRegister.Label;
import org.dossier.register.ProcessingRegister.Purpose;
import org.dossier.register.ProcessingRegister.Recipient;

/**
 * Computes a service's register from the effective schema of a published form version (base
 * fields and the service's own, hidden ones already removed) and the platform's settings. Pure.
 *
 * <p>Fields are grouped by purpose and legal basis, then by category, in the order the form first
 * names them. Whom a field is about: the persons helped, except in a repeatable group that
 * identifies people of its own (a row holding a field of the {@value #IDENTIFICATION} category,
 * such as the household's members): its rows' data is about the people the group lists.
 *
 * <p>Recipients come from the roles: every role that reads case files reads every category; a
 * category holding confidential fields is read, for those fields, only by members holding the
 * grant; a role that reads case files only through access and erasure requests is listed as such.
 */
public final class RegisterBuilder {
    /** The category of the base form that identifies a person. */
    public static final String IDENTIFICATION = "État civil et identification";
    /** Whom the data is about when no repeatable group says otherwise. */
    public static final Label PERSONS_HELPED = new Label("Personnes accompagnées (usagers)", "Persons helped");

    private RegisterBuilder() {}

    /** What the register needs besides the form. */
    public record Settings(String serviceName, String serviceSlug, ProcessingRegister.Controller controller,
                           ProcessingRegister.Retention retention, ProcessingRegister.Hosting hosting,
                           List<SecurityMeasures.Measure> measures) {}

    public static ProcessingRegister build(JsonNode effectiveSchema, int version, Instant publishedAt, Instant computedAt,
                                           Settings settings) {
        List<Annotated> annotated = new ArrayList<>();
        List<FieldEntry> toComplete = new ArrayList<>();
        walk(effectiveSchema, effectiveSchema, "", List.of(), PERSONS_HELPED, false, annotated, toComplete);
        return new ProcessingRegister(settings.serviceName(), settings.serviceSlug(), settings.controller(), version,
                publishedAt, computedAt, purposes(annotated), toComplete, settings.retention(), settings.hosting(),
                settings.measures());
    }

    /**
     * The fields of a form with no purpose and legal basis, which the register lists "to complete":
     * what the designer warns of before a version is published.
     */
    public static List<FieldEntry> toComplete(JsonNode effectiveSchema) {
        List<FieldEntry> toComplete = new ArrayList<>();
        walk(effectiveSchema, effectiveSchema, "", List.of(), PERSONS_HELPED, false, new ArrayList<>(), toComplete);
        return List.copyOf(toComplete);
    }

    /** A field with its annotation. */
    private record Annotated(FieldEntry field, String purpose, String legalBasis, String category, boolean special) {}

    private static void walk(JsonNode root, JsonNode schema, String path, List<Label> sections, Label subjects,
                             boolean confidential, List<Annotated> annotated, List<FieldEntry> toComplete) {
        schema.path("properties").properties().forEach(property -> {
            JsonNode field = property.getValue();
            String fieldPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            boolean secret = confidential || field.path("x-confidential").asBoolean(false);
            Label label = label(field.path("x-label"), property.getKey());
            List<Label> trail = new ArrayList<>(sections);
            if (trail.isEmpty() && field.hasNonNull("x-section")) {
                JsonNode section = root.path("properties").path(field.get("x-section").asText());
                trail.add(label(section.path("x-label"), field.get("x-section").asText()));
            }
            trail.add(label);
            JsonNode items = field.path("items");
            if (field.path("properties").isObject() && !field.has("x-gdpr")) {
                walk(root, field, fieldPath, trail, subjects, secret, annotated, toComplete);
            } else if (items.path("properties").isObject() && !field.has("x-gdpr")) {
                Label rowsAbout = identifiesPeople(items) ? label : subjects;
                walk(root, items, fieldPath + "[]", trail, rowsAbout, secret, annotated, toComplete);
            } else {
                FieldEntry entry = new FieldEntry(fieldPath, joined(trail), subjects, secret);
                JsonNode gdpr = field.path("x-gdpr");
                if (gdpr.hasNonNull("purpose") && gdpr.hasNonNull("legalBasis")) {
                    annotated.add(new Annotated(entry, gdpr.get("purpose").asText(), gdpr.get("legalBasis").asText(),
                            gdpr.path("category").asText(""), gdpr.path("specialCategory").asBoolean(false)));
                } else {
                    toComplete.add(entry);
                }
            }
        });
    }

    private static boolean identifiesPeople(JsonNode rows) {
        for (JsonNode field : rows.path("properties")) {
            if (IDENTIFICATION.equals(field.path("x-gdpr").path("category").asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<Purpose> purposes(List<Annotated> annotated) {
        Map<String, List<Annotated>> byPurpose = new LinkedHashMap<>();
        for (Annotated field : annotated) {
            byPurpose.computeIfAbsent(field.purpose() + "\u0000" + field.legalBasis(), key -> new ArrayList<>()).add(field);
        }
        List<Purpose> purposes = new ArrayList<>();
        byPurpose.values().forEach(fields -> {
            Set<Label> subjects = new LinkedHashSet<>();
            Map<String, List<Annotated>> byCategory = new LinkedHashMap<>();
            for (Annotated field : fields) {
                subjects.add(field.field().subjects());
                byCategory.computeIfAbsent(field.category(), key -> new ArrayList<>()).add(field);
            }
            List<Category> categories = new ArrayList<>();
            byCategory.forEach((name, inCategory) -> {
                List<FieldEntry> entries = inCategory.stream().map(Annotated::field).toList();
                boolean special = inCategory.stream().anyMatch(Annotated::special);
                boolean anyConfidential = entries.stream().anyMatch(FieldEntry::confidential);
                categories.add(new Category(name, special, entries, recipients(anyConfidential)));
            });
            purposes.add(new Purpose(fields.get(0).purpose(), fields.get(0).legalBasis(), List.copyOf(subjects),
                    categories));
        });
        return purposes;
    }

    /** The roles that read a category, from what each role is allowed. */
    static List<Recipient> recipients(boolean anyConfidential) {
        List<Recipient> recipients = new ArrayList<>();
        for (Role role : Role.values()) {
            if (role.allows(Permission.READ_RECORDS)) {
                recipients.add(new Recipient(role.key(), anyConfidential, false));
            } else if (role.allows(Permission.DATA_PROTECTION)) {
                recipients.add(new Recipient(role.key(), anyConfidential, true));
            }
        }
        return recipients;
    }

    private static Label label(JsonNode text, String fallback) {
        String fr = text.path("fr").asText("");
        return new Label(fr.isEmpty() ? fallback : fr, text.path("en").asText(""));
    }

    private static Label joined(List<Label> trail) {
        return new Label(String.join(" › ", trail.stream().map(label -> label.in("fr")).toList()),
                String.join(" › ", trail.stream().map(label -> label.in("en")).toList()));
    }
}

package org.dossier.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dossier.render.LocalizedText;

/**
 * The single-choice fields of the base form that services can be compared on, and whether a
 * service's form still has each one as the base defines it.
 *
 * <p>A field qualifies when the base gives it a fixed list of options (a string {@code enum}),
 * outside repeatable groups, neither confidential nor of a special category. A service is compared
 * on it only while its form shows it with the base's options: a hidden field or section, a module
 * switched off, other options, or a confidential mark leave the service out, with the reason. Option
 * labels come from the base: services may relabel options, but the stored values are the base's.
 */
public final class SharedFields {
    private SharedFields() {}

    /** One option of a shared field: its stored value and the base's label. */
    public record Option(String value, LocalizedText label) {}

    /**
     * A single-choice field of the base.
     *
     * @param path     dotted data path, as in a customisation ({@code logement_ressources.type_logement})
     * @param jsonPath the same for SQL ({@code $.logement_ressources.type_logement})
     */
    public record SharedField(String path, String jsonPath, LocalizedText label, List<Option> options) {}

    /** Why a service is left out of the comparison on a field. */
    public enum Reason { ABSENT, HIDDEN, SECTION_HIDDEN, MODULE_OFF, OPTIONS_CHANGED, CONFIDENTIAL }

    /**
     * @param section the label of the hidden section (or of the module's section), empty otherwise
     */
    public record Exclusion(Reason reason, LocalizedText section) {}

    /** The qualifying fields of the base, in the base's order. */
    public static List<SharedField> of(JsonNode base) {
        List<SharedField> fields = new ArrayList<>();
        collect(base, "", fields);
        return List.copyOf(fields);
    }

    private static void collect(JsonNode schema, String prefix, List<SharedField> fields) {
        schema.path("properties").properties().forEach(property -> {
            JsonNode field = property.getValue();
            String path = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            if (field.path("x-confidential").asBoolean(false) || field.path("x-gdpr").path("specialCategory").asBoolean(false)) {
                return;
            }
            if (field.path("enum").isArray() && "string".equals(field.path("type").asText())) {
                List<Option> options = new ArrayList<>();
                for (JsonNode value : field.path("enum")) {
                    options.add(new Option(value.asText(), LocalizedText.of(field.path("x-enum-labels").get(value.asText()))));
                }
                fields.add(new SharedField(path, "$." + path, LocalizedText.of(field.get("x-label")), List.copyOf(options)));
            } else if (field.path("properties").isObject()) {
                collect(field, path, fields);
            }
        });
    }

    /**
     * The fields in groups whose options share no value, in order: in a group, a stored value names
     * its field, so one query can read every field of the group at once (see {@code StatisticsDao}).
     */
    public static List<List<SharedField>> withDistinctOptions(List<SharedField> fields) {
        List<List<SharedField>> groups = new ArrayList<>();
        List<Set<String>> values = new ArrayList<>();
        for (SharedField field : fields) {
            Set<String> own = new HashSet<>();
            field.options().forEach(option -> own.add(option.value()));
            int group = 0;
            while (group < groups.size() && !java.util.Collections.disjoint(values.get(group), own)) {
                group++;
            }
            if (group == groups.size()) {
                groups.add(new ArrayList<>());
                values.add(new HashSet<>());
            }
            groups.get(group).add(field);
            values.get(group).addAll(own);
        }
        return groups.stream().map(List::copyOf).toList();
    }

    /** Why the service whose published definition this is cannot be compared on the field; empty when it can. */
    public static Optional<Exclusion> exclusion(SharedField field, JsonNode definition) {
        JsonNode node = definition;
        String[] keys = field.path().split("\\.");
        for (int i = 0; i < keys.length; i++) {
            node = node.path("properties").path(keys[i]);
            if (!node.isObject()) {
                return Optional.of(new Exclusion(Reason.ABSENT, LocalizedText.EMPTY));
            }
            if (node.path("x-confidential").asBoolean(false)) {
                return Optional.of(new Exclusion(Reason.CONFIDENTIAL, LocalizedText.EMPTY));
            }
            if (node.path("x-hidden").asBoolean(false)) {
                if (i == keys.length - 1) {
                    return Optional.of(new Exclusion(Reason.HIDDEN, LocalizedText.EMPTY));
                }
                Reason reason = node.hasNonNull("x-module") ? Reason.MODULE_OFF : Reason.SECTION_HIDDEN;
                return Optional.of(new Exclusion(reason, LocalizedText.of(node.get("x-label"))));
            }
        }
        Set<String> values = new HashSet<>();
        node.path("enum").forEach(value -> values.add(value.asText()));
        Set<String> base = new HashSet<>();
        field.options().forEach(option -> base.add(option.value()));
        if (!"string".equals(node.path("type").asText()) || !values.equals(base)) {
            return Optional.of(new Exclusion(Reason.OPTIONS_CHANGED, LocalizedText.EMPTY));
        }
        return Optional.empty();
    }
}

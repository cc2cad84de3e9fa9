package org.dossier.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.dossier.form.ListLimits;
import org.junit.jupiter.api.Test;

class DataLimitsTest {
    private static final JsonNode SCHEMA = Fixtures.json("effective-dossier.json");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static JsonNode decimal(String text) {
        return NODES.numberNode(new BigDecimal(text));
    }

    @Test
    void numbers_with_fifteen_significant_digits_between_ten_to_minus_fifteen_and_ten_to_fifteen_are_storable() {
        for (String text : List.of("0", "512.5", "-512.5", "999999999999999", "-999999999999999", "1e-15",
                "0.123456789012345", "1E+14", "0.000")) {
            assertThat(DataLimits.storable(decimal(text))).as(text).isTrue();
        }
        assertThat(DataLimits.storable(NODES.numberNode(12))).isTrue();
        assertThat(DataLimits.storable(NODES.numberNode(0.1d))).isTrue();
    }

    @Test
    void infinite_huge_tiny_and_too_precise_numbers_are_not_storable() {
        for (String text : List.of("1e400", "1e999999999", "-1e999999999", "1e15", "-1000000000000000", "1e-16",
                "1e-999999999", "0.1234567890123456", "12345678901234567890")) {
            assertThat(DataLimits.storable(decimal(text))).as(text).isFalse();
        }
        assertThat(DataLimits.storable(NODES.numberNode(Double.POSITIVE_INFINITY))).isFalse();
        assertThat(DataLimits.storable(NODES.numberNode(Double.NaN))).isFalse();
        assertThat(DataLimits.storable(NODES.numberNode(Long.MAX_VALUE))).isFalse();
    }

    @Test
    void a_number_is_checked_wherever_it_stands_even_under_a_key_the_form_does_not_define() {
        ObjectNode data = NODES.objectNode();
        data.putObject("logement_ressources").set("loyer", decimal("1e400"));
        data.putObject("inconnu").putArray("x").add(decimal("-1e999999999"));

        List<Violation> found = DataLimits.check(SCHEMA, data);

        assertThat(found).extracting(Violation::pointer, Violation::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/logement_ressources/loyer", "numberRange"),
                org.assertj.core.groups.Tuple.tuple("/inconnu/x/0", "numberRange"));
    }

    @Test
    void rows_beyond_max_items_are_one_violation_on_the_group_and_are_not_walked() {
        ObjectNode data = NODES.objectNode();
        ArrayNode rows = data.putArray("membres_foyer");
        for (int i = 0; i < 300_000; i++) {
            rows.addObject().set("nom", decimal("1e400"));
        }

        List<Violation> found = DataLimits.check(SCHEMA, data);

        assertThat(found).containsExactly(new Violation("/membres_foyer", "maxItems", java.util.Optional.empty(),
                List.of(SCHEMA.at("/properties/membres_foyer/maxItems").intValue())));
    }

    @Test
    void an_array_where_the_form_expects_none_is_bounded_by_the_platform_cap() {
        ObjectNode data = NODES.objectNode();
        ArrayNode values = data.putObject("identite").putArray("nom");
        for (int i = 0; i <= ListLimits.MAX_ITEMS; i++) {
            values.add(i);
        }

        assertThat(DataLimits.check(SCHEMA, data)).extracting(Violation::pointer, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/identite/nom", "maxItems"));
    }

    @Test
    void at_most_fifty_problems_are_reported() {
        ObjectNode data = NODES.objectNode();
        ArrayNode values = data.putArray("inconnu");
        for (int i = 0; i < 500; i++) {
            values.add(decimal("1e400"));
        }

        assertThat(DataLimits.check(SCHEMA, data)).hasSize(DataLimits.MAX_REPORTED);
    }
}

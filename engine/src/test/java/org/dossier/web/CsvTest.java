package org.dossier.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void a_file_starts_with_the_utf8_byte_order_mark_and_separates_with_semicolons_and_crlf() {
        byte[] file = Csv.document(List.of(List.of("Service", "Dossiers actifs"), List.of("Équipe Nord", "< 5")));

        assertThat(file).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(file, 3, file.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("Service;Dossiers actifs\r\nÉquipe Nord;< 5\r\n");
    }

    @Test
    void a_value_holding_a_separator_a_quote_or_a_line_break_is_quoted() {
        assertThat(Csv.field("Nord; Sud")).isEqualTo("\"Nord; Sud\"");
        assertThat(Csv.field("le \"Phare\"")).isEqualTo("\"le \"\"Phare\"\"\"");
        assertThat(Csv.field("deux\nlignes")).isEqualTo("\"deux\nlignes\"");
        assertThat(Csv.field("1234")).isEqualTo("1234");
        assertThat(Csv.field("")).isEmpty();
    }

    @Test
    void a_value_a_spreadsheet_would_run_as_a_formula_is_turned_into_text() {
        assertThat(Csv.field("=1+2")).isEqualTo("'=1+2");
        assertThat(Csv.field("+33 1 23")).isEqualTo("'+33 1 23");
        assertThat(Csv.field("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Csv.field("=HYPERLINK(\"http://x\";\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"");
        assertThat(Csv.field("Service = Nord")).isEqualTo("Service = Nord");
    }
}

package org.dossier.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The download header keeps a file's own name, whatever it holds, and cannot be broken out of. */
class ContentDispositionTest {

    @Test
    void a_plain_name_is_kept_as_it_is() {
        assertThat(ContentDisposition.attachment("scan-1.pdf"))
                .isEqualTo("attachment; filename=\"scan-1.pdf\"; filename*=UTF-8''scan-1.pdf");
    }

    @Test
    void accents_spaces_and_quotes_are_percent_encoded_in_utf8_and_replaced_in_the_ascii_name() {
        assertThat(ContentDisposition.attachment("Quittance été \"mai\".pdf"))
                .isEqualTo("attachment; filename=\"Quittance _t_ _mai_.pdf\"; "
                        + "filename*=UTF-8''Quittance%20%C3%A9t%C3%A9%20%22mai%22.pdf");
    }

    @Test
    void line_breaks_and_separators_cannot_end_the_header_or_add_a_parameter() {
        String header = ContentDisposition.attachment("a\r\nSet-Cookie: x=1;b\\.txt");

        assertThat(header).doesNotContain("\r").doesNotContain("\n");
        assertThat(header).endsWith("filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1%3Bb%5C.txt");
    }

    @Test
    void a_name_outside_the_basic_plane_is_encoded_byte_by_byte() {
        assertThat(ContentDisposition.encoded("📄.pdf")).isEqualTo("%F0%9F%93%84.pdf");
        assertThat(ContentDisposition.attachment(" ")).contains("filename=\"file\"");
    }
}

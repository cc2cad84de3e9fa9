package org.dossier.web.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A page written into UTF-8 bytes comes out byte for byte as {@link String#getBytes} encodes it. */
class Utf8WriterTest {
    private static final String[] PIECES = {"a", "<p>", "é", "’", "—", "€", "\u00ff", "\u0100", "\u07ff", "\u0800",
            "\uffff", "😀", "\ud83d\ude00", "\ud83d", "\ude00", "x\ud83dy", "\n", "\u0000"};

    @Test
    void any_text_in_any_pieces_encodes_as_string_get_bytes_does() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String expected = text.toString();
            Utf8Writer writer = new Utf8Writer(random.nextInt(8));
            int at = 0;
            while (at < expected.length()) {
                int length = Math.min(expected.length() - at, random.nextInt(5));
                switch (random.nextInt(3)) {
                    case 0 -> writer.write(expected, at, length);
                    case 1 -> writer.write(expected.toCharArray(), at, length);
                    default -> {
                        length = 1;
                        writer.write(expected.charAt(at));
                    }
                }
                at += length;
            }
            assertThat(writer.toByteArray()).as("%s", expected).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void the_stream_carries_the_same_bytes() throws IOException {
        Utf8Writer writer = new Utf8Writer(1);
        writer.append("Dossier d’accompagnement — état\ud83d");

        assertThat(writer.toInputStream().readAllBytes())
                .isEqualTo("Dossier d’accompagnement — état\ud83d".getBytes(StandardCharsets.UTF_8));
    }
}

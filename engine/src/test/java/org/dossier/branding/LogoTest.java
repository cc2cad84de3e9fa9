package org.dossier.branding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.dossier.DomainException;
import org.junit.jupiter.api.Test;

public class LogoTest {

    public static byte[] image(String format, int width, int height) {
        try {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, 0x1e3a8a);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(ImageIO.write(image, format, out)).isTrue();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lossless WebP header for the given size; enough for the size check, which reads only the header. */
    static byte[] webp(int width, int height) {
        byte[] b = new byte[40];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        b[4] = 32;
        System.arraycopy("WEBPVP8L".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
        b[16] = 20;
        b[20] = 0x2f;
        int bits = (width - 1) | (height - 1) << 14;
        b[21] = (byte) bits;
        b[22] = (byte) (bits >> 8);
        b[23] = (byte) (bits >> 16);
        b[24] = (byte) (bits >> 24);
        return b;
    }

    private static String code(Runnable check) {
        try {
            check.run();
            return "accepted";
        } catch (DomainException e) {
            return e.code();
        }
    }

    @Test
    void png_jpeg_and_webp_are_recognised_by_content_with_their_size() {
        assertThat(Logo.check(image("png", 200, 80))).extracting(Logo::contentType, Logo::width, Logo::height)
                .containsExactly("image/png", 200, 80);
        assertThat(Logo.check(image("jpg", 64, 64)).contentType()).isEqualTo("image/jpeg");
        assertThat(Logo.check(webp(300, 100))).extracting(Logo::contentType, Logo::width, Logo::height)
                .containsExactly("image/webp", 300, 100);
    }

    @Test
    void svg_other_files_and_broken_images_are_refused_whatever_their_name() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);
        byte[] xmlSvg = "<?xml version=\"1.0\"?>\n<svg/>".getBytes(StandardCharsets.UTF_8);
        byte[] gif = image("gif", 32, 32);
        byte[] text = "not an image at all, just text renamed logo.png".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = java.util.Arrays.copyOf(image("png", 200, 80), 40);

        assertThat(code(() -> Logo.check(svg))).isEqualTo("logoSvg");
        assertThat(code(() -> Logo.check(xmlSvg))).isEqualTo("logoSvg");
        assertThat(code(() -> Logo.check(gif))).isEqualTo("logoType");
        assertThat(code(() -> Logo.check(text))).isEqualTo("logoType");
        assertThat(code(() -> Logo.check(truncated))).isEqualTo("logoUnreadable");
        assertThat(code(() -> Logo.check(new byte[0]))).isEqualTo("logoMissing");
    }

    @Test
    void size_and_dimension_limits_hold() {
        assertThat(code(() -> Logo.check(image("png", 1025, 100)))).isEqualTo("logoDimensions");
        assertThat(code(() -> Logo.check(image("png", 15, 100)))).isEqualTo("logoDimensions");
        assertThat(code(() -> Logo.check(webp(2000, 100)))).isEqualTo("logoDimensions");
        assertThat(code(() -> Logo.check(image("png", 1024, 1024)))).isEqualTo("accepted");
        byte[] big = new byte[Logo.MAX_BYTES + 1];
        System.arraycopy(image("png", 20, 20), 0, big, 0, 8);
        assertThat(code(() -> Logo.check(big))).isEqualTo("logoTooLarge");
    }

    @Test
    void contrast_with_white_text_follows_wcag() {
        assertThat(Colours.contrastWithWhite("#1e3a8a")).isGreaterThan(10).isLessThan(11);
        assertThat(Colours.contrastWithWhite("#166534")).isGreaterThan(Colours.MIN_CONTRAST);
        assertThat(Colours.contrastWithWhite("#ffcc00")).isLessThan(2);
        assertThat(Colours.contrastWithWhite("#767676")).isGreaterThan(4.5).isLessThan(4.6);
        assertThat(Colours.contrastWithWhite("#777777")).isLessThan(4.5);
        assertThat(Colours.contrastWithWhite("#000000")).isEqualTo(21.0);
        assertThatThrownBy(() -> Colours.contrastWithWhite("#zzzzzz")).isInstanceOf(NumberFormatException.class);
    }
}

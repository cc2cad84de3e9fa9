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

    /**
     * A PNG that declares {@code side} × {@code side} black-and-white pixels, every one of them
     * present: one bit a pixel, all zero, compressed to a few tens of kilobytes.
     */
    public static byte[] hugePng(int side) {
        try {
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
            try (java.util.zip.DeflaterOutputStream zlib = new java.util.zip.DeflaterOutputStream(idat, deflater, 65536)) {
                byte[] scanline = new byte[1 + (side + 7) / 8];
                for (int row = 0; row < side; row++) {
                    zlib.write(scanline);
                }
            }
            deflater.end();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13).putInt(side).putInt(side)
                    .put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(png, "IHDR", header.array());
            chunk(png, "IDAT", idat.toByteArray());
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts a tEXt chunk right after the IHDR of {@code png}. */
    public static byte[] withTextChunk(byte[] png, String keyword, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int afterHeader = 8 + 8 + 13 + 4;
        out.write(png, 0, afterHeader);
        chunk(out, "tEXt", (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1));
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
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
    void a_tiny_file_declaring_huge_dimensions_is_refused_from_its_header_without_being_decoded() {
        byte[] bomb = hugePng(20_000);
        assertThat(bomb.length).isLessThan(Logo.MAX_BYTES);

        long start = System.nanoTime();
        String code = code(() -> Logo.check(bomb));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(code).isEqualTo("logoDimensions");
        assertThat(millis).as("decoding it took seconds").isLessThan(500);
    }

    @Test
    void an_accepted_png_is_stored_encoded_again_without_its_text_chunks() throws IOException {
        byte[] tagged = withTextChunk(image("png", 200, 80), "Comment", "secret-note");

        Logo logo = Logo.check(tagged);

        String stored = new String(logo.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("tEXt").doesNotContain("secret-note");
        BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(logo.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(200);
        assertThat(decoded.getRGB(0, 0) & 0xffffff).isEqualTo(0x1e3a8a);
    }

    @Test
    void an_accepted_webp_keeps_its_image_chunks_and_loses_its_metadata() {
        byte[] plain = webp(300, 100);
        byte[] exif = "EXIF".getBytes(StandardCharsets.US_ASCII);
        byte[] tagged = new byte[plain.length + 8 + 12];
        System.arraycopy(plain, 0, tagged, 0, plain.length);
        System.arraycopy(exif, 0, tagged, plain.length, 4);
        tagged[plain.length + 4] = 12;
        System.arraycopy("secret-note!".getBytes(StandardCharsets.US_ASCII), 0, tagged, plain.length + 8, 12);
        tagged[4] = (byte) (tagged.length - 8);

        Logo logo = Logo.check(tagged);

        assertThat(logo.bytes()).isEqualTo(plain);
        assertThat(logo.width()).isEqualTo(300);
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

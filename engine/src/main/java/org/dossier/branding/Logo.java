package org.dossier.branding;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.dossier.DomainException;

/**
 * A service's logo, checked by its content and never by its file name: PNG, JPEG or WebP, at
 * most {@link #MAX_BYTES} and {@link #MAX_SIDE} pixels a side, the side read from the header before
 * anything is decoded. SVG is refused: it can carry script. What is stored holds the image only:
 * PNG and JPEG are decoded and encoded again, WebP keeps only its image chunks.
 */
public record Logo(String contentType, int width, int height, byte[] bytes) {
    public static final int MAX_BYTES = 512 * 1024;
    public static final int MAX_SIDE = 1024;
    public static final int MIN_SIDE = 16;

    /** @throws DomainException {@code logoTooLarge}, {@code logoSvg}, {@code logoType}, {@code logoUnreadable} or {@code logoDimensions} */
    public static Logo check(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new DomainException("logoMissing", 422, "no file");
        }
        if (bytes.length > MAX_BYTES) {
            throw new DomainException("logoTooLarge", 413, "over " + MAX_BYTES + " bytes");
        }
        String type = sniff(bytes);
        if (type.equals("image/webp")) {
            int[] size = webpSize(bytes);
            checkDimensions(size[0], size[1]);
            return new Logo(type, size[0], size[1], WebpChunks.imageOnly(bytes));
        }
        return reencoded(type, bytes);
    }

    private static void checkDimensions(int width, int height) {
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
            throw new DomainException("logoDimensions", 422, width + "x" + height);
        }
    }

    private static String sniff(byte[] b) {
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
            return "image/png";
        }
        if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length > 30 && ascii(b, 0, 4).equals("RIFF") && ascii(b, 8, 4).equals("WEBP")) {
            return "image/webp";
        }
        String head = new String(b, 0, Math.min(b.length, 512), StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
        if (head.contains("<svg") || head.contains("<?xml")) {
            throw new DomainException("logoSvg", 422, "SVG is refused");
        }
        throw new DomainException("logoType", 422, "not PNG, JPEG or WebP");
    }

    /**
     * Reads the dimensions from the header and refuses before a pixel is decoded: a 48 KB PNG can
     * declare 20,000 × 20,000 pixels, and decoding it took seconds of CPU. An accepted image is then
     * decoded and written again in its format, so that only pixels are stored: whatever text or
     * metadata chunks the file carried (tEXt, EXIF, comments) are left behind.
     */
    private static Logo reencoded(String type, byte[] bytes) {
        String format = type.equals("image/png") ? "png" : "jpeg";
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new DomainException("logoUnreadable", 422, "no reader");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkDimensions(width, height);
                BufferedImage image = reader.read(0);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (!ImageIO.write(image, format, out)) {
                    throw new DomainException("logoUnreadable", 422, "no " + format + " writer for this image");
                }
                return new Logo(type, width, height, out.toByteArray());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DomainException domain) {
                throw domain;
            }
            throw new DomainException("logoUnreadable", 422, "the image cannot be read");
        }
    }

    /** Width and height from a WebP header (lossy VP8, lossless VP8L or extended VP8X). */
    private static int[] webpSize(byte[] b) {
        String chunk = ascii(b, 12, 4);
        switch (chunk) {
            case "VP8 " -> {
                if (b.length < 30 || (b[23] & 0xff) != 0x9d || (b[24] & 0xff) != 0x01 || (b[25] & 0xff) != 0x2a) {
                    break;
                }
                return new int[] {u16(b, 26) & 0x3fff, u16(b, 28) & 0x3fff};
            }
            case "VP8L" -> {
                if (b.length < 25 || (b[20] & 0xff) != 0x2f) {
                    break;
                }
                int bits = (b[21] & 0xff) | (b[22] & 0xff) << 8 | (b[23] & 0xff) << 16 | (b[24] & 0xff) << 24;
                return new int[] {(bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1};
            }
            case "VP8X" -> {
                if (b.length < 30) {
                    break;
                }
                return new int[] {u24(b, 24) + 1, u24(b, 27) + 1};
            }
            default -> { }
        }
        throw new DomainException("logoUnreadable", 422, "the WebP header cannot be read");
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int u24(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16;
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(b, from, length, StandardCharsets.US_ASCII);
    }
}

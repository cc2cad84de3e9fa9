package org.dossier.branding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.dossier.DomainException;

/**
 * Keeps only the image of a WebP file. The JDK has no WebP decoder to encode it again, but the
 * format is a list of RIFF chunks: those that draw the image are kept, and the metadata ones
 * (EXIF, XMP, ICC profile, anything unknown) dropped, with the extended header's flags for them
 * cleared. Nothing is decoded.
 */
final class WebpChunks {
    private static final Set<String> IMAGE_CHUNKS = Set.of("VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF");
    /** VP8X flags of the chunks dropped: ICC profile, EXIF, XMP. */
    private static final int METADATA_FLAGS = 0x20 | 0x08 | 0x04;
    private static final int RIFF_HEADER = 12;
    private static final int CHUNK_HEADER = 8;

    private WebpChunks() {}

    /** @throws DomainException {@code logoUnreadable} when a chunk runs past the end of the file */
    static byte[] imageOnly(byte[] webp) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(webp.length);
        int at = RIFF_HEADER;
        while (at + CHUNK_HEADER <= webp.length) {
            String fourcc = new String(webp, at, 4, StandardCharsets.US_ASCII);
            long size = le32(webp, at + 4);
            long padded = size + (size & 1);
            if (at + CHUNK_HEADER + size > webp.length) {
                throw new DomainException("logoUnreadable", 422, "WebP chunk " + fourcc + " runs past the end");
            }
            if (IMAGE_CHUNKS.contains(fourcc)) {
                int length = (int) Math.min(CHUNK_HEADER + padded, webp.length - at);
                byte[] chunk = java.util.Arrays.copyOfRange(webp, at, at + length);
                if (fourcc.equals("VP8X") && chunk.length > CHUNK_HEADER) {
                    chunk[CHUNK_HEADER] &= (byte) ~METADATA_FLAGS;
                }
                chunks.writeBytes(chunk);
            }
            at += (int) (CHUNK_HEADER + padded);
        }
        byte[] body = chunks.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(RIFF_HEADER + body.length);
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        int riffSize = 4 + body.length;
        out.writeBytes(new byte[] {(byte) riffSize, (byte) (riffSize >> 8), (byte) (riffSize >> 16), (byte) (riffSize >> 24)});
        out.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}

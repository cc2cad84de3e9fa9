package org.dossier.attachment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Tells what a file is from its bytes alone (magic numbers, and the entries of zip-based office
 * documents), never from its name or what the browser claims: a {@code .pdf} holding HTML is not a
 * PDF. Answers only the types a case file may hold; anything else is empty, and refused.
 */
public final class ContentTypes {
    public static final String PDF = "application/pdf";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String GIF = "image/gif";
    public static final String WEBP = "image/webp";
    public static final String HEIC = "image/heic";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String ODT = "application/vnd.oasis.opendocument.text";
    public static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    public static final String DOC = "application/msword";
    public static final String XLS = "application/vnd.ms-excel";

    /** Zip entries read at most while looking for what an office document is. */
    private static final int MAX_ZIP_ENTRIES = 2_000;

    private ContentTypes() {}

    /** The content type of these bytes, or empty when they are none of the accepted types. */
    public static Optional<String> detect(byte[] bytes) {
        if (startsWith(bytes, 0, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(PDF);
        }
        if (startsWith(bytes, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (ascii(bytes, 4, "ftyp") && heicBrand(bytes)) {
            return Optional.of(HEIC);
        }
        if (startsWith(bytes, 0, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1})) {
            return legacyOffice(bytes);
        }
        if (startsWith(bytes, 0, new byte[] {'P', 'K', 3, 4})) {
            return zipOffice(bytes);
        }
        return Optional.empty();
    }

    private static boolean heicBrand(byte[] bytes) {
        if (bytes.length < 12) {
            return false;
        }
        String brand = new String(bytes, 8, 4, StandardCharsets.US_ASCII);
        return switch (brand) {
            case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1" -> true;
            default -> false;
        };
    }

    /**
     * An OLE2 compound file is a Word document when its directory names a {@code WordDocument}
     * stream, a workbook when it names {@code Workbook} (or the older {@code Book}); directory names
     * are UTF-16LE.
     */
    private static Optional<String> legacyOffice(byte[] bytes) {
        if (contains(bytes, utf16("WordDocument"))) {
            return Optional.of(DOC);
        }
        if (contains(bytes, utf16("Workbook")) || contains(bytes, utf16("Book"))) {
            return Optional.of(XLS);
        }
        return Optional.empty();
    }

    /** OpenDocument names itself in its {@code mimetype} entry; Office Open XML by its main part. */
    private static Optional<String> zipOffice(byte[] bytes) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            int seen = 0;
            while ((entry = zip.getNextEntry()) != null && seen++ < MAX_ZIP_ENTRIES) {
                String name = entry.getName();
                if (name.equals("mimetype")) {
                    String declared = new String(zip.readNBytes(100), StandardCharsets.US_ASCII).trim();
                    if (declared.equals(ODT) || declared.equals(ODS)) {
                        return Optional.of(declared);
                    }
                    return Optional.empty();
                }
                if (name.equals("word/document.xml")) {
                    return Optional.of(DOCX);
                }
                if (name.equals("xl/workbook.xml")) {
                    return Optional.of(XLSX);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // not a readable zip: not an office document
        }
        return Optional.empty();
    }

    private static byte[] utf16(String text) {
        return text.getBytes(StandardCharsets.UTF_16LE);
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        return startsWith(bytes, offset, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

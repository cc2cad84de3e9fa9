package org.dossier.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dossier.branding.LogoTest;
import org.junit.jupiter.api.Test;

class ContentTypesTest {

    static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry(entries[i]));
                zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] ole2(String stream) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        bytes.writeBytes(new byte[512]);
        bytes.writeBytes("Root Entry".getBytes(StandardCharsets.UTF_16LE));
        bytes.writeBytes(new byte[40]);
        bytes.writeBytes(stream.getBytes(StandardCharsets.UTF_16LE));
        return bytes.toByteArray();
    }

    static byte[] withHeader(byte[] header, int length) {
        byte[] bytes = new byte[length];
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    @Test
    void pdf_and_images_are_known_by_their_magic_bytes() throws Exception {
        assertThat(ContentTypes.detect(pdf("rapport"))).contains(ContentTypes.PDF);
        assertThat(ContentTypes.detect(LogoTest.image("png", 8, 8))).contains(ContentTypes.PNG);
        assertThat(ContentTypes.detect(LogoTest.image("jpg", 8, 8))).contains(ContentTypes.JPEG);
        assertThat(ContentTypes.detect(LogoTest.image("gif", 8, 8))).contains(ContentTypes.GIF);
        assertThat(ContentTypes.detect(withHeader("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1), 64)))
                .contains(ContentTypes.WEBP);
        assertThat(ContentTypes.detect(withHeader("\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1), 64)))
                .contains(ContentTypes.HEIC);
    }

    @Test
    void office_documents_are_told_apart_by_what_they_hold() throws Exception {
        assertThat(ContentTypes.detect(zip("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>")))
                .contains(ContentTypes.DOCX);
        assertThat(ContentTypes.detect(zip("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>")))
                .contains(ContentTypes.XLSX);
        assertThat(ContentTypes.detect(zip("mimetype", ContentTypes.ODT, "content.xml", "<office/>")))
                .contains(ContentTypes.ODT);
        assertThat(ContentTypes.detect(zip("mimetype", ContentTypes.ODS, "content.xml", "<office/>")))
                .contains(ContentTypes.ODS);
        assertThat(ContentTypes.detect(ole2("WordDocument"))).contains(ContentTypes.DOC);
        assertThat(ContentTypes.detect(ole2("Workbook"))).contains(ContentTypes.XLS);
    }

    @Test
    void anything_else_is_refused_whatever_its_name_would_say() throws Exception {
        assertThat(ContentTypes.detect("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(ContentTypes.detect(new byte[0])).isEmpty();
        assertThat(ContentTypes.detect("MZ\u0090\0".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(ContentTypes.detect(zip("evil.sh", "rm -rf /"))).isEmpty();
        assertThat(ContentTypes.detect(zip("mimetype", "application/epub+zip"))).isEmpty();
        assertThat(ContentTypes.detect(ole2("SomethingElse"))).isEmpty();
        assertThat(ContentTypes.detect("PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    }
}

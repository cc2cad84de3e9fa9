package org.dossier.tenantmove;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An archive opened for import: its manifest read first, then every entry checked against its
 * SHA-256 and size before anything is written, and checked again as it is read.
 */
final class ArchiveReader implements AutoCloseable {
    private final ZipFile zip;
    private final ArchiveManifest manifest;

    private ArchiveReader(ZipFile zip, ArchiveManifest manifest) {
        this.zip = zip;
        this.manifest = manifest;
    }

    /** @throws TenantMoveRefusedException {@code notAnArchive} for a file that is not one */
    static ArchiveReader open(Path file, ObjectMapper json) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            throw new TenantMoveRefusedException("notAnArchive", file + " is not a service archive (" + e.getMessage()
                    + "); nothing was imported");
        }
        try {
            ZipEntry entry = zip.getEntry(ArchiveManifest.ENTRY);
            if (entry == null) {
                throw new TenantMoveRefusedException("notAnArchive", file + " holds no " + ArchiveManifest.ENTRY
                        + ": it is not a service archive; nothing was imported");
            }
            ArchiveManifest manifest;
            try (InputStream in = zip.getInputStream(entry)) {
                manifest = json.readValue(in, ArchiveManifest.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new TenantMoveRefusedException("notAnArchive", file + ": its manifest does not read ("
                        + e.getOriginalMessage() + "); nothing was imported");
            }
            if (!ArchiveManifest.FORMAT.equals(manifest.format())) {
                throw new TenantMoveRefusedException("notAnArchive", file + " is in format " + manifest.format()
                        + ", this version reads " + ArchiveManifest.FORMAT + "; nothing was imported");
            }
            return new ArchiveReader(zip, manifest);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    ArchiveManifest manifest() {
        return manifest;
    }

    /** @throws TenantMoveRefusedException {@code checksumFailed} naming the first entry that differs */
    void verifyAll() throws IOException {
        for (java.util.Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            String name = all.nextElement().getName();
            if (!name.equals(ArchiveManifest.ENTRY) && !manifest.entries().containsKey(name)) {
                throw checksumFailed(name, "it is not listed in the manifest");
            }
        }
        for (Map.Entry<String, ArchiveManifest.Entry> expected : manifest.entries().entrySet()) {
            try (InputStream in = open(expected.getKey())) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }

    boolean has(String name) {
        return manifest.entries().containsKey(name);
    }

    long size(String name) {
        return manifest.entries().get(name).bytes();
    }

    /** An entry's bytes; reading it to the end throws when they are not those of the manifest. */
    InputStream open(String name) throws IOException {
        ArchiveManifest.Entry expected = manifest.entries().get(name);
        ZipEntry entry = zip.getEntry(name);
        if (expected == null || entry == null) {
            throw checksumFailed(name, "it is missing");
        }
        MessageDigest digest = ArchiveWriter.sha256();
        InputStream raw;
        try {
            raw = zip.getInputStream(entry);
        } catch (ZipException e) {
            throw checksumFailed(name, e.getMessage());
        }
        return new DigestInputStream(raw, digest) {
            private long bytes;
            private boolean checked;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes++;
                }
                return check(b);
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    bytes += n;
                }
                return check(n);
            }

            private int check(int n) {
                if (n < 0 && !checked) {
                    checked = true;
                    String sha = HexFormat.of().formatHex(digest.digest());
                    if (bytes != expected.bytes() || !sha.equals(expected.sha256())) {
                        throw checksumFailed(name, "its SHA-256 or size is not the manifest's");
                    }
                }
                return n;
            }
        };
    }

    /** Each line of a JSON lines entry, parsed, checked against the manifest once read to its end. */
    void eachLine(String name, ObjectMapper json, LineConsumer consumer) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    consumer.accept(json.readTree(line));
                }
            }
        } catch (ZipException e) {
            throw checksumFailed(name, e.getMessage());
        }
    }

    interface LineConsumer {
        void accept(JsonNode row) throws IOException;
    }

    private static TenantMoveRefusedException checksumFailed(String name, String why) {
        return new TenantMoveRefusedException("checksumFailed", "entry " + name + " of the archive fails its check ("
                + why + "): the archive is damaged or was altered; nothing was imported");
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}

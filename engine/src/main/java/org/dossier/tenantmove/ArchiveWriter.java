package org.dossier.tenantmove;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The ZIP of an archive, written under a hidden temporary name beside its target and moved to it
 * only once complete: an interrupted export never leaves a half archive under the name asked for.
 * Each entry is streamed, its SHA-256 and size computed on the way.
 */
final class ArchiveWriter implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final ZipOutputStream zip;
    private final Map<String, ArchiveManifest.Entry> entries = new LinkedHashMap<>();
    private boolean moved;

    ArchiveWriter(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        this.partial = Files.createTempFile(dir, "." + this.target.getFileName() + "-", ".partial");
        this.zip = new ZipOutputStream(Files.newOutputStream(partial));
        zip.setLevel(Deflater.BEST_SPEED);
    }

    /** An entry's stream; closing it ends the entry (not the archive). */
    OutputStream entry(String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest digest = sha256();
        return new FilterOutputStream(new DigestOutputStream(zip, digest)) {
            private long bytes;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                bytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                bytes += len;
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    out.flush();
                    zip.closeEntry();
                    entries.put(name, new ArchiveManifest.Entry(HexFormat.of().formatHex(digest.digest()), bytes));
                }
            }
        };
    }

    Map<String, ArchiveManifest.Entry> entries() {
        return Map.copyOf(entries);
    }

    /** Writes the last entry, closes the ZIP and moves it to its name. @return its size in bytes */
    long finish(byte[] manifest) throws IOException {
        zip.putNextEntry(new ZipEntry(ArchiveManifest.ENTRY));
        zip.write(manifest);
        zip.closeEntry();
        zip.close();
        try {
            Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own permissions apply
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
        return Files.size(target);
    }

    /** Removes the temporary file of an export that did not finish. */
    @Override
    public void close() throws IOException {
        if (!moved) {
            try {
                zip.close();
            } catch (IOException | RuntimeException e) {
                // the export failed already; its file goes below
            }
            Files.deleteIfExists(partial);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

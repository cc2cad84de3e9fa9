package org.dossier.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import org.dossier.tenant.TenantId;

/**
 * The default store: files under {@code <data directory>/attachments/t/<tenant id>/}. An object is
 * written to a temporary file beside its place and moved there once complete, so a crash part-way
 * never leaves a truncated object under a key.
 */
public final class FileSystemStore implements AttachmentStore {
    private static final String PARTIAL = ".partial-";

    private final Path root;

    public FileSystemStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The store under a data directory. */
    public static FileSystemStore under(Path dataDir) {
        return new FileSystemStore(dataDir.resolve("attachments"));
    }

    @Override
    public void put(ObjectKey key, InputStream content, long size, String contentType) throws IOException {
        Path target = file(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), PARTIAL, "");
        try {
            long written;
            try (OutputStream out = Files.newOutputStream(partial)) {
                written = content.transferTo(out);
            }
            if (written != size) {
                throw new IOException("expected " + size + " bytes for " + key.path() + ", read " + written);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(ObjectKey key) throws IOException {
        try {
            return Files.newInputStream(file(key));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(key.path(), null, "no such attachment");
        }
    }

    @Override
    public boolean exists(ObjectKey key) {
        return Files.isRegularFile(file(key));
    }

    @Override
    public void delete(ObjectKey key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    @Override
    public long deleteService(TenantId tenantId) throws IOException {
        Path dir = serviceDir(tenantId);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                boolean object = !file.getFileName().toString().startsWith(PARTIAL);
                if (Files.deleteIfExists(file) && object) {
                    deleted++;
                }
            }
        }
        Files.deleteIfExists(dir);
        return deleted;
    }

    @Override
    public long bytes(TenantId tenantId) throws IOException {
        Path dir = serviceDir(tenantId);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                total += Files.size(file);
            }
        }
        return total;
    }

    @Override
    public Optional<URI> presignedDownload(ObjectKey key, Duration validity, String fileName, String contentType) {
        return Optional.empty();
    }

    /** Writable where objects go: the store's directory, or the nearest one that will hold it. */
    @Override
    public boolean reachable() {
        Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.isDirectory(existing) && Files.isWritable(existing);
    }

    /** The directory holding every object, which a backup of the installation copies. */
    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "filesystem " + root;
    }

    private Path serviceDir(TenantId tenantId) {
        return root.resolve(ObjectKey.prefix(tenantId));
    }

    private Path file(ObjectKey key) {
        // The key's id is [A-Za-z0-9_-]: it cannot climb out of the service's directory.
        return root.resolve(key.path());
    }
}

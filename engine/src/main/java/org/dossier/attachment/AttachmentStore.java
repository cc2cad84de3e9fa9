package org.dossier.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.dossier.tenant.TenantId;

/**
 * Where attachments' bytes live. Implementations know nothing of case files, names or permissions:
 * every check happens before a call reaches the store, and nothing here is reachable from outside
 * the app except through {@link #presignedDownload}, which the app issues only after its checks.
 */
public interface AttachmentStore {

    /**
     * Stores exactly {@code size} bytes read from {@code content} under a new key. The object is
     * complete or absent: a failure part-way leaves nothing readable under the key.
     */
    void put(ObjectKey key, InputStream content, long size, String contentType) throws IOException;

    /** Streams an object's bytes; the caller closes the stream. */
    InputStream open(ObjectKey key) throws IOException;

    /** Whether an object is stored under the key. */
    boolean exists(ObjectKey key) throws IOException;

    /**
     * Deletes an object. An absent object is not an error, so a deletion interrupted half-way can
     * simply run again.
     */
    void delete(ObjectKey key) throws IOException;

    /** Deletes every object of a service (a service deleted for good); returns how many went. */
    long deleteService(TenantId tenantId) throws IOException;

    /** The bytes a service's objects take (usage figures). */
    long bytes(TenantId tenantId) throws IOException;

    /**
     * A URL that downloads the object directly for a short while, for stores that offer one (S3);
     * empty when downloads go through the app (the filesystem).
     */
    Optional<URI> presignedDownload(ObjectKey key, Duration validity, String fileName, String contentType);

    /**
     * Whether the store answers now, quickly (within about a second): what the readiness page reports.
     * Never throws.
     */
    default boolean reachable() {
        return true;
    }

    /** Says which store this is, for the start-up log and the readiness page (no secret in it). */
    String describe();
}

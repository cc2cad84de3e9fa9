package org.dossier.attachment;

import java.nio.file.Path;
import org.dossier.Config;

/**
 * Chooses the store the configuration names: an S3-compatible bucket when {@code DOSSIER_S3_*} is set
 * (checked at once, so a server never starts on a store it cannot reach), else the filesystem under the
 * data directory.
 */
public final class AttachmentStores {
    private AttachmentStores() {}

    /** @throws AttachmentStoreUnavailableException when the bucket cannot be reached or used */
    public static AttachmentStore of(Config config) {
        return of(config.attachments(), config.dataDir());
    }

    /** @throws AttachmentStoreUnavailableException when the bucket cannot be reached or used */
    public static AttachmentStore of(AttachmentSettings settings, Path dataDir) {
        return settings.s3()
                .<AttachmentStore>map(S3Store::connect)
                .orElseGet(() -> FileSystemStore.under(dataDir));
    }
}

package org.dossier.attachment;

import org.dossier.Config;

/** Chooses the store the configuration names: the filesystem under the data directory by default. */
public final class AttachmentStores {
    private AttachmentStores() {}

    public static AttachmentStore of(Config config) {
        return FileSystemStore.under(config.dataDir());
    }
}

package org.dossier.crypto;

import java.time.Instant;
import java.util.List;
import javax.crypto.SecretKey;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * Rotates the master key: every service's data key is unwrapped with the current master key and
 * wrapped with the new one, and the key check sealed again, in one transaction. The data keys
 * themselves do not change, so no case file is rewritten: a few short rows, whatever the volume.
 */
public final class KeyRotation {
    private KeyRotation() {}

    /**
     * @return how many data keys were rewrapped
     * @throws WrongMasterKeyException when {@code current} is not the database's master key; nothing changed then
     */
    public static int rotate(Jdbi jdbi, MasterKey current, MasterKey next) {
        return jdbi.inTransaction(handle -> {
            KeyDao dao = new KeyDao(handle);
            byte[] check = dao.lockCheck().orElseThrow(() -> new WrongMasterKeyException(
                    "This database has no key check yet: start the server once before rotating its master key."));
            if (!current.opensCheck(check)) {
                throw new WrongMasterKeyException("The current master key (from " + current.origin()
                        + ") is not this database's; nothing was changed.");
            }
            Instant now = Instant.now();
            List<KeyDao.WrappedKey> keys = dao.lockAllWrappedKeys();
            for (KeyDao.WrappedKey wrapped : keys) {
                TenantId tenantId = new TenantId(wrapped.tenantId());
                SecretKey dataKey = current.unwrap(tenantId, wrapped.wrappedKey());
                dao.rewrap(tenantId, next.wrap(tenantId, dataKey), now);
            }
            dao.replaceCheck(next.sealCheck(), now);
            return keys.size();
        });
    }
}

package org.dossier.crypto;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;

/**
 * Each service's data key: created at its first sealing, stored wrapped by the master key,
 * unwrapped once per process and kept in memory. Two nodes creating a service's key together
 * agree on one (the second's insert is ignored and it reads the first's).
 */
public final class DataKeys {
    private final Jdbi jdbi;
    private final java.util.function.Supplier<MasterKey> master;
    private final Map<Long, SecretKey> unwrapped = new ConcurrentHashMap<>();

    public DataKeys(Jdbi jdbi, java.util.function.Supplier<MasterKey> master) {
        this.jdbi = jdbi;
        this.master = master;
    }

    /** The service's key, created if it has none yet: for sealing. */
    SecretKey forSealing(TenantId tenantId) {
        return unwrapped.computeIfAbsent(tenantId.value(), id -> jdbi.inTransaction(handle -> {
            KeyDao dao = new KeyDao(handle);
            Optional<byte[]> stored = dao.wrappedKey(tenantId);
            if (stored.isPresent()) {
                return master.get().unwrap(tenantId, stored.get());
            }
            SecretKey fresh = Aead.newKey();
            if (dao.check().isEmpty()) {
                dao.insertCheck(master.get().sealCheck(), Instant.now());
            }
            if (dao.insertWrappedKey(tenantId, master.get().wrap(tenantId, fresh), Instant.now())) {
                return fresh;
            }
            return master.get().unwrap(tenantId, dao.wrappedKey(tenantId).orElseThrow());
        }));
    }

    /**
     * The service's key, for opening.
     *
     * @throws SealedValueException when the service has none: it was destroyed with the service
     */
    SecretKey forOpening(TenantId tenantId) {
        SecretKey known = unwrapped.get(tenantId.value());
        if (known != null) {
            return known;
        }
        byte[] wrapped = jdbi.withHandle(handle -> new KeyDao(handle).wrappedKey(tenantId))
                .orElseThrow(() -> new SealedValueException("service " + tenantId + " has no data key: it was destroyed"));
        SecretKey key = master.get().unwrap(tenantId, wrapped);
        unwrapped.put(tenantId.value(), key);
        return key;
    }

    /** Drops the service's key from memory: its row was deleted with the service (crypto-shredding). */
    public void forget(TenantId tenantId) {
        unwrapped.remove(tenantId.value());
    }
}

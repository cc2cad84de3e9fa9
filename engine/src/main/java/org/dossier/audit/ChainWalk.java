package org.dossier.audit;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import org.dossier.audit.ChainVerifier.Break;
import org.dossier.audit.ChainVerifier.Tampering;

/** The walk along one chain, event after event in sequence order, remembering only the last hash. */
final class ChainWalk {
    private final long tenantId;
    private long expected = 1;
    private byte[] previous = AuditChain.GENESIS;
    private long redacted;

    ChainWalk(long tenantId) {
        this.tenantId = tenantId;
    }

    long redacted() {
        return redacted;
    }

    /**
     * Checks the next event read. @param linksToChain whether a hash is that of some event of the
     * chain, asked only when a link is broken
     */
    Optional<Break> next(StoredEvent event, Predicate<byte[]> linksToChain) {
        if (event.seq() != expected) {
            return broken(Tampering.DELETED, expected, event);
        }
        if (event.hash() == null || event.prevHash() == null) {
            return broken(Tampering.INSERTED, expected, event);
        }
        byte[] computed = AuditChain.hash(event.content(tenantId), event.seal(), event.prevHash());
        if (!Arrays.equals(computed, event.hash())) {
            return broken(Tampering.EDITED, expected, event);
        }
        if (!Arrays.equals(event.prevHash(), previous)) {
            // The event is intact but not where it was written: moved, if its link leads into the
            // chain; made up whole, if it leads nowhere.
            return broken(linksToChain.test(event.prevHash()) ? Tampering.REORDERED : Tampering.INSERTED, expected, event);
        }
        if (event.redacted()) {
            redacted++;
        }
        previous = event.hash();
        expected++;
        return Optional.empty();
    }

    /** After the last event read: events missing at the end, or a head that is not the last event's. */
    Optional<Break> end(long headSeq, byte[] headHash) {
        if (expected - 1 < headSeq) {
            return Optional.of(new Break(Tampering.DELETED, expected, Optional.empty(), Optional.empty(), Optional.empty()));
        }
        if (!Arrays.equals(previous, headHash)) {
            return Optional.of(new Break(Tampering.EDITED, headSeq, Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return Optional.empty();
    }

    private static Optional<Break> broken(Tampering kind, long position, StoredEvent event) {
        return Optional.of(new Break(kind, position, Optional.of(event.id()), Optional.of(event.occurredAt()),
                Optional.of(event.action())));
    }
}

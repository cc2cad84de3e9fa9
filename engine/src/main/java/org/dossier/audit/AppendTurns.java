package org.dossier.audit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;

/**
 * The turns of one node's appends to each chain, from the guess of the head to the head moved (see
 * {@link ChainHeads}): a writer guesses after the one before it moved the head, so it guesses
 * right. Without them, concurrent writers of one service guess the head another has not moved
 * yet; each such writer waits for that one's commit, finds the head moved, and takes the locking
 * read and a second update, still waiting in the database (measured under the benchmark's save,
 * eight clients on two services: 0.56 locking reads and 1.56 head updates a save).
 *
 * <p>A turn orders; it never guards the chain, which the database keeps whole whatever the turns
 * (the head's row lock, the update's condition, the trigger). So it is waited for at most
 * {@value #WAIT_MILLIS} ms, after which the database alone orders the append. It ends with the
 * statement that moved the head, not with the transaction: the head's row lock goes on to the
 * commit and the next writer of the node waits for it in the database, while the commit's write
 * to disk, after InnoDB released the lock, is shared with it.
 *
 * <p>A transaction that already appended to a chain holds that chain's head in the database and
 * appends to it again without a turn: waiting for one there could wait for a writer that waits for
 * this very transaction. Other waits between a turn and the database go through two chains (a
 * transaction writing to a service's chain and the platform's, while another writes to both in the
 * other order); they end when the turn's wait does, and the database then resolves what is left.
 */
final class AppendTurns {
    /** How long an append waits for its turn before it appends unordered. */
    static final long WAIT_MILLIS = 1_000;

    private final long waitMillis;
    private final Map<Long, ReentrantLock> turns = new ConcurrentHashMap<>();
    /** Per handle in a transaction, the chains whose head that transaction holds (it appended to them). */
    private final Map<Handle, Set<Long>> held = new ConcurrentHashMap<>();

    AppendTurns() {
        this(WAIT_MILLIS);
    }

    /** @param waitMillis how long an append waits for its turn (tests make it long enough to notice a wait) */
    AppendTurns(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** Runs {@code append}, which moves the head of {@code chain} on {@code handle}, in its turn. */
    void take(Handle handle, long chain, Runnable append) {
        boolean inTransaction = handle.isInTransaction();
        Set<Long> holding = inTransaction ? held.get(handle) : null;
        if (holding != null && holding.contains(chain)) {
            append.run();
            return;
        }
        ReentrantLock turn = turns.computeIfAbsent(chain, each -> new ReentrantLock());
        boolean ordered = await(turn, waitMillis);
        try {
            append.run();
        } finally {
            if (ordered) {
                turn.unlock();
            }
        }
        if (inTransaction) {
            held.computeIfAbsent(handle, this::forgetWhenEnded).add(chain);
        }
    }

    /** Whether {@code handle}'s transaction is known to hold the head of {@code chain} (for tests). */
    boolean holds(Handle handle, long chain) {
        Set<Long> holding = held.get(handle);
        return holding != null && holding.contains(chain);
    }

    /** The chains a transaction holds, forgotten when it commits or rolls back, or its handle closes. */
    private Set<Long> forgetWhenEnded(Handle handle) {
        Set<Long> chains = ConcurrentHashMap.newKeySet();
        Runnable forget = () -> held.remove(handle, chains);
        handle.afterCommit(forget);
        handle.afterRollback(forget);
        handle.addCleanable(forget::run);
        return chains;
    }

    private static boolean await(ReentrantLock turn, long waitMillis) {
        try {
            return turn.tryLock(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

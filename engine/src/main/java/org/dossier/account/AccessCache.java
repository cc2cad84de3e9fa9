package org.dossier.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleListener;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * The sessions and tokens this node found, with their user and membership, kept for {@link #WINDOW_NANOS}
 * so that a request does not read them again from the database: the lookup was one of the few
 * statements of every request (the only one of a form page).
 *
 * <p>What a change costs, and why it is safe on the node that makes it: every statement this node
 * runs that writes {@code sessions}, {@code users}, {@code memberships} or {@code api_tokens} (a
 * logout, a revocation, a password change, a role changed or taken away, a person erased, a service
 * deleted) empties the whole cache, once when it runs and once more when its transaction commits,
 * so that no lookup made in between keeps what the transaction replaced. It is found from the
 * statement's text by a JDBI customizer on every statement, not by each path remembering to call
 * it: a later path that writes these tables is covered without a change. Another node keeps what
 * it found for at most {@link #WINDOW_NANOS} (5 s, the window of a service's suspension, see
 * {@link org.dossier.tenant.TenantService}).
 *
 * <p>Only what was found is kept, never an unknown cookie or token (a stream of random ones would
 * fill it); a session whose activity is due to be written, or that timed out, goes to the database
 * as before, and those activity writes ({@link #ACTIVITY}) do not empty the cache.
 */
public final class AccessCache {
    /** How long another node's change may take to apply here. */
    public static final long WINDOW_NANOS = 5_000_000_000L;
    /** Marks the statements that only record activity (last seen, last used): they change no right. */
    static final String ACTIVITY = "/* activity */ ";
    private static final int MAX_ENTRIES = 20_000;
    private static final Pattern ACCESS_TABLE = Pattern.compile("\\b(sessions|users|memberships|api_tokens)\\b",
            Pattern.CASE_INSENSITIVE);

    private final AtomicLong generation = new AtomicLong();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long windowNanos;

    private record Entry(Object found, long generation, long readAt) {}

    private AccessCache(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** A cache that keeps lookups for the window. */
    public static AccessCache keeping() {
        return new AccessCache(WINDOW_NANOS);
    }

    /** A cache with a shorter window, for a test to see another node's change apply. */
    static AccessCache keeping(java.time.Duration window) {
        return new AccessCache(window.toNanos());
    }

    /** No cache: every lookup reads the database (tools that look a session up once). */
    public static AccessCache none() {
        return new AccessCache(0);
    }

    /**
     * What {@code lookup} finds for this key, from the cache when this node found it less than the
     * window ago and wrote none of the access tables since; {@code usable} says whether a kept value
     * may be answered as it is (a session due for an activity write is not).
     */
    <T> Optional<T> find(String kind, byte[] hash, TenantId tenantId, Class<T> type, Predicate<T> usable,
                         Supplier<Optional<T>> lookup) {
        if (windowNanos == 0) {
            return lookup.get();
        }
        String key = kind + ':' + HexFormat.of().formatHex(hash) + ':' + (tenantId == null ? "" : tenantId.value());
        Entry entry = entries.get(key);
        long now = System.nanoTime();
        if (entry != null && entry.generation() == generation.get() && now - entry.readAt() < windowNanos) {
            T kept = type.cast(entry.found());
            if (usable.test(kept)) {
                return Optional.of(kept);
            }
        }
        long before = generation.get(); // read before the lookup: a change committed meanwhile outdates it
        Optional<T> found = lookup.get();
        if (found.isPresent()) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(found.get(), before, now));
        } else {
            entries.remove(key);
        }
        return found;
    }

    /** Forgets everything kept: this node changed who may do what. */
    public void changed() {
        generation.incrementAndGet();
        entries.clear();
    }

    /**
     * Installs the watch on the engine's JDBI: every statement that writes an access table empties
     * the cache, and so does the commit of its transaction. A statement's context does not name its
     * handle, so the handles open on this JDBI are known by their connection.
     */
    public void watch(Jdbi jdbi) {
        Map<Connection, Handle> open = new ConcurrentHashMap<>();
        jdbi.getConfig(Handles.class).addListener(new HandleListener() {
            @Override
            public void handleCreated(Handle handle) {
                open.put(handle.getConnection(), handle);
            }

            @Override
            public void handleClosed(Handle handle) {
                open.remove(handle.getConnection(), handle);
            }
        });
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void afterExecution(PreparedStatement statement, StatementContext ctx) {
                String sql = ctx.getRenderedSql();
                if (sql != null && VERDICTS.writesAccess(sql)) {
                    changed();
                    Handle handle = open.get(ctx.getConnection());
                    if (handle != null && handle.isInTransaction()) {
                        handle.afterCommit(AccessCache.this::changed);
                    }
                }
            }
        });
    }

    /**
     * {@link #writesAccess} kept per statement text: the same few texts run on every request, and
     * the pattern over each write's whole text was a few percent of a submit. Bounded: emptied when
     * it holds {@value Verdicts#KEPT} texts (statements built from a search's filters are many).
     */
    static final class Verdicts {
        static final int KEPT = 2_048;
        private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

        boolean writesAccess(String sql) {
            Boolean known = verdicts.get(sql);
            if (known != null) {
                return known;
            }
            if (verdicts.size() >= KEPT) {
                verdicts.clear();
            }
            boolean verdict = AccessCache.writesAccess(sql);
            verdicts.put(sql, verdict);
            return verdict;
        }

        int size() {
            return verdicts.size();
        }
    }

    private static final Verdicts VERDICTS = new Verdicts();

    /** Whether a statement may change a session, a token, a user or a membership. */
    static boolean writesAccess(String sql) {
        String statement = sql.stripLeading();
        if (statement.startsWith(ACTIVITY.strip())) {
            return false;
        }
        while (statement.startsWith("/*") && statement.indexOf("*/") > 0) { // "/* all tenants */ DELETE …"
            statement = statement.substring(statement.indexOf("*/") + 2).stripLeading();
        }
        int end = 0;
        while (end < statement.length() && Character.isLetter(statement.charAt(end))) {
            end++;
        }
        String verb = statement.substring(0, end).toUpperCase(Locale.ROOT);
        // A statement opening with WITH may end in a DELETE or an UPDATE (MySQL 8): counted as a write.
        boolean reads = verb.equals("SELECT") || verb.equals("SHOW") || verb.equals("EXPLAIN") || verb.equals("DESCRIBE");
        return !reads && ACCESS_TABLE.matcher(statement).find();
    }
}

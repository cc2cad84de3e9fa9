package org.dossier.db;

/**
 * What this node knows of its database without asking it: up, being restarted after it died,
 * stopped on purpose, or lost for good (every restart failed). Readiness and liveness read it, so
 * that they answer at once while the database is away.
 */
public final class DatabaseHealth {
    /** The states of the database as the node sees it. */
    public enum State { UP, RESTARTING, STOPPED, FAILED }

    private volatile State state = State.UP;

    public State state() {
        return state;
    }

    void set(State state) {
        this.state = state;
    }

    /** Known to be away: requests are answered 503 at once instead of waiting for a connection. */
    public boolean down() {
        return state != State.UP;
    }

    /** Gone for good: the process cannot recover by itself and should be restarted by its supervisor. */
    public boolean failed() {
        return state == State.FAILED;
    }
}

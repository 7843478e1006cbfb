package dev.ringfence.engine.logic;


/**
 * The terminal's session and the reconciliation that opens it: after every (re)connect, entries stay denied
 * until an account report and a positions snapshot have both arrived ({@code RECONCILED}, with the number of
 * positions the snapshot added or removed). Until a terminal first connects the engine knows nothing to
 * trade on, so it starts reconciling. Owned by the business thread.
 */
final class Reconciliation
{
    private final LifecycleEmitter emitter;
    private boolean terminalConnected;
    private boolean reconciling = true;
    private boolean accountSinceConnect;
    private boolean snapshotSinceConnect;
    private int differences;

    Reconciliation(final LifecycleEmitter emitter)
    {
        this.emitter = emitter;
    }

    /**
     * The terminal connected or disconnected: a new session begins, reconciling
     * ({@code TERMINAL_CONNECTED} / {@code TERMINAL_DISCONNECTED}). Returns false when nothing changed.
     */
    boolean onTerminalStatus(final long nowMillis, final boolean connected)
    {
        if (connected == terminalConnected)
        {
            return false;
        }
        terminalConnected = connected;
        reconciling = true;
        accountSinceConnect = false;
        snapshotSinceConnect = false;
        differences = 0;
        if (connected)
        {
            emitter.terminalConnected(nowMillis);
        }
        else
        {
            emitter.terminalDisconnected(nowMillis);
        }
        return true;
    }

    void onAccount()
    {
        accountSinceConnect = true;
    }

    /** True while the session's first snapshot is still to come: what it changes counts as a difference. */
    boolean isFirstSnapshotPending()
    {
        return reconciling && !snapshotSinceConnect;
    }

    void countDifferences(final int count)
    {
        differences += count;
    }

    void onSnapshot()
    {
        snapshotSinceConnect = true;
    }

    /** Ends the reconciliation once the session has both an account report and a snapshot; true when it did. */
    boolean reconcileIfReady(final long nowMillis)
    {
        if (terminalConnected && reconciling && accountSinceConnect && snapshotSinceConnect)
        {
            reconciling = false;
            emitter.reconciled(nowMillis, differences);
            return true;
        }
        return false;
    }

    boolean isReconciling()
    {
        return reconciling;
    }

    boolean isTerminalConnected()
    {
        return terminalConnected;
    }
}

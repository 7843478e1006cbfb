package dev.ringfence.engine.event;

/** Every lifecycle event the engine emits (RISK.md section 4). */
public enum LifecycleEventType
{
    SIGNAL_RECEIVED,
    SIGNAL_APPROVED,
    SIGNAL_REJECTED,
    TRADE_EXECUTED,
    TRADE_FAILED,
    POSITION_CLOSED,
    LOOP_STARTED,
    LOOP_STOPPED,
    HEARTBEAT,
    GUARD_WARNING,
    GUARD_TRIPPED,
    GUARD_STATE_CHANGED,
    FLATTEN_COMPLETED,
    GUARD_REARMED,
    DATA_DEGRADED,
    DATA_RECOVERED,
    TERMINAL_CONNECTED,
    TERMINAL_DISCONNECTED,
    RECONCILED,
    /** The trading loop's circuit breaker opened after consecutive execution failures. */
    CIRCUIT_OPENED,
    /** The cool-off ended; entries are approved again. */
    CIRCUIT_CLOSED,
    /** The configuration differs from the journal's: entries are denied until an operator re-bases. */
    CONFIG_CHANGED,
    /** The operator accepted the new configuration; the peak was re-based. */
    CONFIG_REBASED,
    /** An operator command the engine refused, with the reason (e.g. re-arm while not flat). */
    COMMAND_REFUSED,
    ERROR,
    // New types go last: journals record the ordinal.
    /** The journal cannot record inputs (disk full, say): entries are denied until it can again. */
    JOURNAL_FAILED,
    /** The journal records inputs again; entries are no longer denied for it. */
    JOURNAL_RECOVERED,
    /** An operator halted new entries (the guard keeps guarding and flattening). */
    TRADING_HALTED,
    /** An operator resumed entries after a halt. */
    TRADING_RESUMED,
    /** The gateway refused the terminal's spec of a symbol: entries on it are denied until a valid one arrives. */
    SYMBOL_REFUSED,
    /** The terminal lacks a trade permission (detail: which): new entries are denied; closes are still attempted. */
    TERMINAL_TRADING_NOT_PERMITTED,
    /** Every trade permission is back: entries are no longer denied for it. */
    TERMINAL_TRADING_PERMITTED,
    /** A deal closed part of a known position: its volume went down, the deal's profit is realized. */
    POSITION_REDUCED,
    /** An entry is neither executed nor failed, and waits: for the terminal's history (a lookup) or for its market. */
    ORDER_WAITING;

    private static final LifecycleEventType[] VALUES = values();

    public static LifecycleEventType fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    public static int count()
    {
        return VALUES.length;
    }
}

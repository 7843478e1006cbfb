package dev.ringfence.engine.event;

/** Every lifecycle event the engine emits (RISK.md section 4). */
public enum LifecycleEventType
{
    // Journals record the code, not the ordinal: a new constant takes the next unused code, and no code
    // is ever reused or changed (JournalCodesTest holds them).
    SIGNAL_RECEIVED(0),
    SIGNAL_APPROVED(1),
    SIGNAL_REJECTED(2),
    TRADE_EXECUTED(3),
    TRADE_FAILED(4),
    POSITION_CLOSED(5),
    LOOP_STARTED(6),
    LOOP_STOPPED(7),
    HEARTBEAT(8),
    GUARD_WARNING(9),
    GUARD_TRIPPED(10),
    GUARD_STATE_CHANGED(11),
    FLATTEN_COMPLETED(12),
    GUARD_REARMED(13),
    DATA_DEGRADED(14),
    DATA_RECOVERED(15),
    TERMINAL_CONNECTED(16),
    TERMINAL_DISCONNECTED(17),
    RECONCILED(18),
    /** The trading loop's circuit breaker opened after consecutive execution failures. */
    CIRCUIT_OPENED(19),
    /** The cool-off ended; entries are approved again. */
    CIRCUIT_CLOSED(20),
    /** The configuration differs from the journal's: entries are denied until an operator re-bases. */
    CONFIG_CHANGED(21),
    /** The operator accepted the new configuration; the peak was re-based. */
    CONFIG_REBASED(22),
    /** An operator command the engine refused, with the reason (e.g. re-arm while not flat). */
    COMMAND_REFUSED(23),
    ERROR(24),
    /** The journal cannot record inputs (disk full, say): entries are denied until it can again. */
    JOURNAL_FAILED(25),
    /** The journal records inputs again; entries are no longer denied for it. */
    JOURNAL_RECOVERED(26),
    /** An operator halted new entries (the guard keeps guarding and flattening). */
    TRADING_HALTED(27),
    /** An operator resumed entries after a halt. */
    TRADING_RESUMED(28),
    /** The gateway refused the terminal's spec of a symbol: entries on it are denied until a valid one arrives. */
    SYMBOL_REFUSED(29),
    /** The terminal lacks a trade permission (detail: which): new entries are denied; closes are still attempted. */
    TERMINAL_TRADING_NOT_PERMITTED(30),
    /** Every trade permission is back: entries are no longer denied for it. */
    TERMINAL_TRADING_PERMITTED(31),
    /** A deal closed part of a known position: its volume went down, the deal's profit is realized. */
    POSITION_REDUCED(32),
    /** An entry is neither executed nor failed, and waits: for the terminal's history (a lookup) or for its market. */
    ORDER_WAITING(33);

    private static final LifecycleEventType[] VALUES = values();
    private static final LifecycleEventType[] BY_CODE = EnumCodes.byCode(values(), LifecycleEventType::code);

    /** What journals record for this constant: fixed forever, whatever the order of the constants. */
    private final int code;

    LifecycleEventType(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** The constant journaled as {@code code}; refuses a code no constant has. */
    public static LifecycleEventType fromCode(final int code)
    {
        return EnumCodes.fromCode(BY_CODE, code, "LifecycleEventType");
    }

    public static int count()
    {
        return VALUES.length;
    }
}

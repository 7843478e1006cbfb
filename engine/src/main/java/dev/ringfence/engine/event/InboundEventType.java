package dev.ringfence.engine.event;

/** What an {@link InboundEvent} on the ring carries. */
public enum InboundEventType
{
    // Journals record the code, not the ordinal: a new constant takes the next unused code, and no code
    // is ever reused or changed (JournalCodesTest holds them).
    /** An approved signal from upstream, to be executed at most once. */
    SIGNAL(0),
    /** A market quote. */
    TICK(1),
    /** The terminal's account figures: balance, equity, margin, connection. */
    ACCOUNT(2),
    /** Opens a positions snapshot of {@code count} {@link #POSITION} events that follow it. */
    POSITIONS_BEGIN(3),
    /** One position of the snapshot in progress. */
    POSITION(4),
    /** The terminal's answer to an order, a close or a lookup. */
    ORDER_RESULT(5),
    /** The terminal saw a position close (stop loss, take profit, stop-out, manual, engine). */
    POSITION_CLOSED(6),
    /** Time passes: drives heartbeats, retries, timeouts, staleness and day boundaries. */
    TIMER(7),
    /** An operator command or an engine lifecycle command (start, stop). */
    ADMIN(8),
    /** The terminal connected or disconnected. */
    TERMINAL_STATUS(9),
    /** A deposit (positive) or withdrawal (negative): not profit or loss. */
    BALANCE_OPERATION(10),
    /** The engine configuration in force ({@code EngineConfig.describe()}), published at every start. */
    CONFIG(11),
    /**
     * Written by the journal gate alone, never published on the ring: {@code count} inputs before the next
     * entry could not be journaled (a full disk), so a rebuild from this journal misses them. The logic
     * denies entries from here until an operator re-arms, as it did live when the journal wrote again.
     */
    JOURNAL_GAP(12),
    /** The terminal's spec of a symbol (contract size, volume rules, digits, filling modes), checked by the gateway. */
    SYMBOL_SPEC(13),
    /** The terminal sent a spec for this symbol that the gateway refused (not finite, not positive, out of range). */
    SYMBOL_REFUSED(14);

    private static final InboundEventType[] BY_CODE = EnumCodes.byCode(values(), InboundEventType::code);

    /** What journals record for this constant: fixed forever, whatever the order of the constants. */
    private final int code;

    InboundEventType(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** The constant journaled as {@code code}; refuses a code no constant has. */
    public static InboundEventType fromCode(final int code)
    {
        return EnumCodes.fromCode(BY_CODE, code, "InboundEventType");
    }
}

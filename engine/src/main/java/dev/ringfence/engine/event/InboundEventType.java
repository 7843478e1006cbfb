package dev.ringfence.engine.event;

/** What an {@link InboundEvent} on the ring carries. */
public enum InboundEventType
{
    /** An approved signal from upstream, to be executed at most once. */
    SIGNAL,
    /** A market quote. */
    TICK,
    /** The terminal's account figures: balance, equity, margin, connection. */
    ACCOUNT,
    /** Opens a positions snapshot of {@code count} {@link #POSITION} events that follow it. */
    POSITIONS_BEGIN,
    /** One position of the snapshot in progress. */
    POSITION,
    /** The terminal's answer to an order, a close or a lookup. */
    ORDER_RESULT,
    /** The terminal saw a position close (stop loss, take profit, stop-out, manual, engine). */
    POSITION_CLOSED,
    /** Time passes: drives heartbeats, retries, timeouts, staleness and day boundaries. */
    TIMER,
    /** An operator command or an engine lifecycle command (start, stop). */
    ADMIN,
    /** The terminal connected or disconnected. */
    TERMINAL_STATUS,
    /** A deposit (positive) or withdrawal (negative): not profit or loss. */
    BALANCE_OPERATION,
    /** The engine configuration in force ({@code EngineConfig.describe()}), published at every start. */
    CONFIG,
    /**
     * Written by the journal gate alone, never published on the ring: {@code count} inputs before the next
     * entry could not be journaled (a full disk), so a rebuild from this journal misses them. The logic
     * denies entries from here until an operator re-arms, as it did live when the journal wrote again.
     */
    JOURNAL_GAP,
    // New types go last: journals record the ordinal.
    /** The terminal's spec of a symbol (contract size, volume rules, digits, filling modes), checked by the gateway. */
    SYMBOL_SPEC,
    /** The terminal sent a spec for this symbol that the gateway refused (not finite, not positive, out of range). */
    SYMBOL_REFUSED;

    private static final InboundEventType[] VALUES = values();

    /** Lookup by ordinal without the array copy of {@link #values()}. */
    public static InboundEventType fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}

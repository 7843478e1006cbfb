package dev.ringfence.engine.event;

/** Commands that reach the business logic through the ring, so they are journaled like any input. */
public enum AdminCommand
{
    /** Engine start: emits {@code LOOP_STARTED}. Published once by whoever starts the engine. */
    START,
    /** Graceful stop: deny entries, drain in-flight orders up to a deadline, emit {@code LOOP_STOPPED}. */
    STOP,
    /** Stop approving signals until {@link #RESUME}. */
    HALT,
    /** Undo {@link #HALT} and an operator's {@link #REDUCE_ONLY}. */
    RESUME,
    /** Trip the guard by hand: flatten and lock. */
    FLATTEN,
    /** Re-arm a locked guard (refused unless flat, data valid and equity above the floor with hysteresis). */
    REARM,
    /** Deny new entries, allow closes. */
    REDUCE_ONLY,
    /** Accept a configuration that changed since the journal was written, and re-base the peak. */
    REBASE;

    private static final AdminCommand[] VALUES = values();

    public static AdminCommand fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}

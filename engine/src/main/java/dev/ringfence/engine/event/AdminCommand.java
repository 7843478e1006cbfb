package dev.ringfence.engine.event;

/** Commands that reach the business logic through the ring, so they are journaled like any input. */
public enum AdminCommand
{
    // Journals record the code, not the ordinal: a new constant takes the next unused code, and no code
    // is ever reused or changed (JournalCodesTest holds them).
    /** Engine start: emits {@code LOOP_STARTED}. Published once by whoever starts the engine. */
    START(0),
    /** Graceful stop: deny entries, drain in-flight orders up to a deadline, emit {@code LOOP_STOPPED}. */
    STOP(1),
    /** Stop approving signals until {@link #RESUME}. */
    HALT(2),
    /** Undo {@link #HALT} and an operator's {@link #REDUCE_ONLY}. */
    RESUME(3),
    /** Trip the guard by hand: flatten and lock. */
    FLATTEN(4),
    /** Re-arm a locked guard (refused unless flat, data valid and equity above the floor with hysteresis). */
    REARM(5),
    /** Deny new entries, allow closes. */
    REDUCE_ONLY(6),
    /** Accept a configuration that changed since the journal was written, and re-base the peak. */
    REBASE(7);

    private static final AdminCommand[] BY_CODE = EnumCodes.byCode(values(), AdminCommand::code);

    /** What journals record for this constant: fixed forever, whatever the order of the constants. */
    private final int code;

    AdminCommand(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** The constant journaled as {@code code}; refuses a code no constant has. */
    public static AdminCommand fromCode(final int code)
    {
        return EnumCodes.fromCode(BY_CODE, code, "AdminCommand");
    }
}

package dev.ringfence.engine.event;

/** Why a position closed, as reported in {@code POSITION_CLOSED}. */
public enum CloseReason
{
    // Journals record the code, not the ordinal: a new constant takes the next unused code, and no code
    // is ever reused or changed (JournalCodesTest holds them).
    GUARD_FLATTEN(0),
    STOP_LOSS(1),
    TAKE_PROFIT(2),
    MANUAL(3),
    STOP_OUT(4),
    ENGINE(5),
    /** The position vanished from a snapshot and the terminal gave no reason. */
    UNKNOWN(6),
    /** The Expert Advisor's own equity floor closed it while the engine was silent (defence in depth). */
    LOCAL_FLOOR(7);

    private static final CloseReason[] BY_CODE = EnumCodes.byCode(values(), CloseReason::code);

    /** What journals record for this constant: fixed forever, whatever the order of the constants. */
    private final int code;

    CloseReason(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** The constant journaled as {@code code}; refuses a code no constant has. */
    public static CloseReason fromCode(final int code)
    {
        return EnumCodes.fromCode(BY_CODE, code, "CloseReason");
    }
}

package dev.ringfence.engine.event;

/**
 * The risk guard's state (RISK.md section 2). DEGRADED and RECONCILING are flags on top of it, not states.
 */
public enum GuardState
{
    // Journals record the code, not the ordinal: a new constant takes the next unused code, and no code
    // is ever reused or changed (JournalCodesTest holds them).
    /** Armed: entries and closes allowed. */
    ACTIVE(0),
    /** No new entries, closes allowed: reduce level, operator. */
    REDUCE_ONLY(1),
    /** A breach (or the operator's flatten) is closing everything; only engine-issued closes. */
    FLATTENING(2),
    /** Flat after a flatten; entries denied until an operator re-arms. */
    LOCKED(3),
    /** Flat after a daily-limit breach; re-arms itself at the next day start. */
    LOCKED_DAY(4);

    private static final GuardState[] BY_CODE = EnumCodes.byCode(values(), GuardState::code);

    /** What journals record for this constant: fixed forever, whatever the order of the constants. */
    private final int code;

    GuardState(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** The constant journaled as {@code code}; refuses a code no constant has. */
    public static GuardState fromCode(final int code)
    {
        return EnumCodes.fromCode(BY_CODE, code, "GuardState");
    }

    public boolean allowsEntries()
    {
        return this == ACTIVE;
    }

    public boolean isLocked()
    {
        return this == LOCKED || this == LOCKED_DAY;
    }
}

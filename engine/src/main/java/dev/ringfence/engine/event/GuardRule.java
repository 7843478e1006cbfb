package dev.ringfence.engine.event;

/** The rule that tripped the guard or raised a warning. */
public enum GuardRule
{
    // Journals record the code, not the ordinal: a new constant takes the next unused code, and no code
    // is ever reused or changed (JournalCodesTest holds them).
    MAX_DRAWDOWN(0),
    EQUITY_FLOOR(1),
    DAILY_LOSS(2),
    MANUAL(3);

    private static final GuardRule[] BY_CODE = EnumCodes.byCode(values(), GuardRule::code);

    /** What journals record for this constant: fixed forever, whatever the order of the constants. */
    private final int code;

    GuardRule(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** The constant journaled as {@code code}; refuses a code no constant has. */
    public static GuardRule fromCode(final int code)
    {
        return EnumCodes.fromCode(BY_CODE, code, "GuardRule");
    }
}

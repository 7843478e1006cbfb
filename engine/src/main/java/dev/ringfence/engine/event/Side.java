package dev.ringfence.engine.event;

/** Direction of an order or a position. */
public enum Side
{
    // Journals record the code, not the ordinal: a new constant takes the next unused code, and no code
    // is ever reused or changed (JournalCodesTest holds them).
    BUY(0),
    SELL(1);

    private static final Side[] BY_CODE = EnumCodes.byCode(values(), Side::code);

    /** What journals record for this constant: fixed forever, whatever the order of the constants. */
    private final int code;

    Side(final int code)
    {
        this.code = code;
    }

    public int code()
    {
        return code;
    }

    /** The constant journaled as {@code code}; refuses a code no constant has. */
    public static Side fromCode(final int code)
    {
        return EnumCodes.fromCode(BY_CODE, code, "Side");
    }

    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }
}

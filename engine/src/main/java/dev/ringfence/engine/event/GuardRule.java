package dev.ringfence.engine.event;

/** The rule that tripped the guard or raised a warning. */
public enum GuardRule
{
    MAX_DRAWDOWN,
    EQUITY_FLOOR,
    DAILY_LOSS,
    MANUAL;

    private static final GuardRule[] VALUES = values();

    public static GuardRule fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}

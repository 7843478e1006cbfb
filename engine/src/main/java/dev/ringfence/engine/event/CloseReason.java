package dev.ringfence.engine.event;

/** Why a position closed, as reported in {@code POSITION_CLOSED}. */
public enum CloseReason
{
    GUARD_FLATTEN,
    STOP_LOSS,
    TAKE_PROFIT,
    MANUAL,
    STOP_OUT,
    ENGINE,
    /** The position vanished from a snapshot and the terminal gave no reason. */
    UNKNOWN,
    // New reasons go last: journals record the ordinal.
    /** The Expert Advisor's own equity floor closed it while the engine was silent (defence in depth). */
    LOCAL_FLOOR;

    private static final CloseReason[] VALUES = values();

    public static CloseReason fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}

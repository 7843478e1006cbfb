package dev.ringfence.engine.event;

/**
 * The risk guard's state (RISK.md section 2). DEGRADED and RECONCILING are flags on top of it, not states.
 */
public enum GuardState
{
    /** Armed: entries and closes allowed. */
    ACTIVE,
    /** No new entries, closes allowed: reduce level, operator. */
    REDUCE_ONLY,
    /** A breach (or the operator's flatten) is closing everything; only engine-issued closes. */
    FLATTENING,
    /** Flat after a flatten; entries denied until an operator re-arms. */
    LOCKED,
    /** Flat after a daily-limit breach; re-arms itself at the next day start. */
    LOCKED_DAY;

    public boolean allowsEntries()
    {
        return this == ACTIVE;
    }

    public boolean isLocked()
    {
        return this == LOCKED || this == LOCKED_DAY;
    }
}

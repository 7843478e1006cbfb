package dev.ringfence.engine.event;

/** Coded reasons of {@code SIGNAL_REJECTED}, in the order the checks run. */
public enum RejectReason
{
    /** The loop is not running (not started yet, or stopping). */
    LOOP_STOPPED,
    /** This signal id was already approved once; an id executes at most once. */
    DUPLICATE,
    /** Older than its time-to-live, or the default maximum age. */
    EXPIRED,
    UNKNOWN_SYMBOL,
    /** Not finite, outside min/max, or not a multiple of the symbol's volume step. */
    INVALID_VOLUME,
    /** Stop loss or take profit not finite or negative. */
    INVALID_STOPS,
    /** Halted by the operator. */
    HALTED,
    /** The guard denies entries: its state, or the DEGRADED / RECONCILING flags, or no terminal. */
    GUARD_STATE,
    /** The terminal has not reported a valid spec for this symbol in this session (detail MISSING or REFUSED). */
    NO_SYMBOL_SPEC,
    /** Too many consecutive execution failures; cooling off. */
    CIRCUIT_OPEN,
    MAX_POSITIONS,
    RATE_LIMIT,
    /** No room left to track another in-flight order. */
    ORDER_CAPACITY
}

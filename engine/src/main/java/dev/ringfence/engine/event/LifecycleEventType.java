package dev.ringfence.engine.event;

import java.util.List;

import static dev.ringfence.engine.event.LifecycleField.ACTOR;
import static dev.ringfence.engine.event.LifecycleField.BEAT_DEGRADED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_ERRORS;
import static dev.ringfence.engine.event.LifecycleField.BEAT_GUARD_STATE;
import static dev.ringfence.engine.event.LifecycleField.BEAT_INTERVAL_ERRORS;
import static dev.ringfence.engine.event.LifecycleField.BEAT_INTERVAL_SIGNALS_RECEIVED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_INTERVAL_TRADES_EXECUTED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_INTERVAL_TRADES_FAILED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_INVALID_SAMPLES;
import static dev.ringfence.engine.event.LifecycleField.BEAT_LAST_VALID_SAMPLE_AGE_MILLIS;
import static dev.ringfence.engine.event.LifecycleField.BEAT_LATENCY_MAX;
import static dev.ringfence.engine.event.LifecycleField.BEAT_LATENCY_P50;
import static dev.ringfence.engine.event.LifecycleField.BEAT_LATENCY_P99;
import static dev.ringfence.engine.event.LifecycleField.BEAT_LOOP_ID;
import static dev.ringfence.engine.event.LifecycleField.BEAT_OPEN_POSITIONS;
import static dev.ringfence.engine.event.LifecycleField.BEAT_PENDING_ORDERS;
import static dev.ringfence.engine.event.LifecycleField.BEAT_RECONCILING;
import static dev.ringfence.engine.event.LifecycleField.BEAT_RING_BACKLOG;
import static dev.ringfence.engine.event.LifecycleField.BEAT_SIGNALS_APPROVED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_SIGNALS_RECEIVED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_SIGNALS_REJECTED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_TERMINAL_CONNECTED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_TRADES_EXECUTED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_TRADES_FAILED;
import static dev.ringfence.engine.event.LifecycleField.BEAT_UPTIME_MILLIS;
import static dev.ringfence.engine.event.LifecycleField.CHANGES;
import static dev.ringfence.engine.event.LifecycleField.CLIENT_ORDER_ID;
import static dev.ringfence.engine.event.LifecycleField.COMMAND;
import static dev.ringfence.engine.event.LifecycleField.CONSECUTIVE_FAILURES;
import static dev.ringfence.engine.event.LifecycleField.DETAIL;
import static dev.ringfence.engine.event.LifecycleField.DIFFERENCES;
import static dev.ringfence.engine.event.LifecycleField.DRAWDOWN_PERCENT;
import static dev.ringfence.engine.event.LifecycleField.EQUITY;
import static dev.ringfence.engine.event.LifecycleField.FROM;
import static dev.ringfence.engine.event.LifecycleField.LAST_VALID_SAMPLE_AGE_MILLIS;
import static dev.ringfence.engine.event.LifecycleField.LEVEL_PERCENT;
import static dev.ringfence.engine.event.LifecycleField.MISSING;
import static dev.ringfence.engine.event.LifecycleField.OLD_PEAK;
import static dev.ringfence.engine.event.LifecycleField.OPEN_POSITIONS;
import static dev.ringfence.engine.event.LifecycleField.PEAK;
import static dev.ringfence.engine.event.LifecycleField.PENDING_ORDERS;
import static dev.ringfence.engine.event.LifecycleField.PERMISSIONS;
import static dev.ringfence.engine.event.LifecycleField.POSITIONS_CLOSED;
import static dev.ringfence.engine.event.LifecycleField.PRICE;
import static dev.ringfence.engine.event.LifecycleField.PROFIT;
import static dev.ringfence.engine.event.LifecycleField.REASON;
import static dev.ringfence.engine.event.LifecycleField.REASON_IF_ANY;
import static dev.ringfence.engine.event.LifecycleField.REMAINING_VOLUME;
import static dev.ringfence.engine.event.LifecycleField.RETCODE;
import static dev.ringfence.engine.event.LifecycleField.RULE;
import static dev.ringfence.engine.event.LifecycleField.SIDE;
import static dev.ringfence.engine.event.LifecycleField.SIGNAL_ID;
import static dev.ringfence.engine.event.LifecycleField.SYMBOL;
import static dev.ringfence.engine.event.LifecycleField.THRESHOLD;
import static dev.ringfence.engine.event.LifecycleField.TICKET;
import static dev.ringfence.engine.event.LifecycleField.TO;
import static dev.ringfence.engine.event.LifecycleField.USED_PERCENT;
import static dev.ringfence.engine.event.LifecycleField.VOLUME;
import static dev.ringfence.engine.event.LifecycleField.WAIT_MILLIS;

/**
 * Every lifecycle event the engine emits (RISK.md section 4), each with the fields it carries, in the order
 * the JSON writes them (SCENARIOS.md "Output", which a test holds to this list). {@link LifecycleEventWriter}
 * has one method per type that takes exactly these fields, in this order.
 */
public enum LifecycleEventType
{
    // Journals record the code, not the ordinal: a new constant takes the next unused code, and no code
    // is ever reused or changed (JournalCodesTest holds them).
    SIGNAL_RECEIVED(0, SIGNAL_ID, SYMBOL),
    SIGNAL_APPROVED(1, SIGNAL_ID, CLIENT_ORDER_ID, SYMBOL, SIDE, VOLUME),
    SIGNAL_REJECTED(2, SIGNAL_ID, REASON, DETAIL),
    TRADE_EXECUTED(3, SIGNAL_ID, CLIENT_ORDER_ID, TICKET, SYMBOL, SIDE, VOLUME, PRICE, DETAIL),
    TRADE_FAILED(4, SIGNAL_ID, CLIENT_ORDER_ID, SYMBOL, RETCODE, REASON),
    POSITION_CLOSED(5, TICKET, SYMBOL, SIDE, VOLUME, PROFIT, REASON),
    LOOP_STARTED(6, ACTOR),
    LOOP_STOPPED(7, OPEN_POSITIONS, PENDING_ORDERS),
    HEARTBEAT(8, BEAT_LOOP_ID, BEAT_UPTIME_MILLIS, EQUITY, PEAK, DRAWDOWN_PERCENT, BEAT_GUARD_STATE, BEAT_DEGRADED, BEAT_RECONCILING,
        BEAT_TERMINAL_CONNECTED, BEAT_OPEN_POSITIONS, BEAT_PENDING_ORDERS, BEAT_SIGNALS_RECEIVED, BEAT_SIGNALS_APPROVED,
        BEAT_SIGNALS_REJECTED, BEAT_TRADES_EXECUTED, BEAT_TRADES_FAILED, BEAT_ERRORS, BEAT_INTERVAL_SIGNALS_RECEIVED,
        BEAT_INTERVAL_TRADES_EXECUTED, BEAT_INTERVAL_TRADES_FAILED, BEAT_INTERVAL_ERRORS, BEAT_INVALID_SAMPLES,
        BEAT_LAST_VALID_SAMPLE_AGE_MILLIS, BEAT_RING_BACKLOG, BEAT_LATENCY_P50, BEAT_LATENCY_P99, BEAT_LATENCY_MAX),
    GUARD_WARNING(9, RULE, LEVEL_PERCENT, USED_PERCENT, EQUITY, PEAK),
    GUARD_TRIPPED(10, RULE, EQUITY, PEAK, DRAWDOWN_PERCENT, THRESHOLD),
    GUARD_STATE_CHANGED(11, FROM, TO),
    FLATTEN_COMPLETED(12, POSITIONS_CLOSED, EQUITY),
    GUARD_REARMED(13, PEAK, OLD_PEAK, EQUITY, ACTOR, REASON_IF_ANY),
    DATA_DEGRADED(14, LAST_VALID_SAMPLE_AGE_MILLIS),
    DATA_RECOVERED(15, EQUITY),
    TERMINAL_CONNECTED(16),
    TERMINAL_DISCONNECTED(17),
    RECONCILED(18, DIFFERENCES),
    /** The trading loop's circuit breaker opened after consecutive execution failures. */
    CIRCUIT_OPENED(19, CONSECUTIVE_FAILURES),
    /** The cool-off ended; entries are approved again. */
    CIRCUIT_CLOSED(20),
    /** The configuration differs from the journal's: entries are denied until an operator re-bases. */
    CONFIG_CHANGED(21, REASON, CHANGES),
    /** The operator accepted the new configuration; the peak was re-based. */
    CONFIG_REBASED(22, PEAK, OLD_PEAK, ACTOR),
    /** An operator command the engine refused, with the reason (e.g. re-arm while not flat). */
    COMMAND_REFUSED(23, COMMAND, REASON, ACTOR),
    ERROR(24, REASON, DETAIL),
    /** The journal cannot record inputs (disk full, say): entries are denied until it can again. */
    JOURNAL_FAILED(25, REASON, DETAIL),
    /** The journal records inputs again; entries are no longer denied for it. */
    JOURNAL_RECOVERED(26, REASON, DETAIL),
    /** An operator halted new entries (the guard keeps guarding and flattening). */
    TRADING_HALTED(27, ACTOR),
    /** An operator resumed entries after a halt. */
    TRADING_RESUMED(28, ACTOR),
    /** The gateway refused the terminal's spec of a symbol: entries on it are denied until a valid one arrives. */
    SYMBOL_REFUSED(29, SYMBOL, REASON, DETAIL),
    /** The terminal lacks a trade permission (missing: which): new entries are denied; closes are still attempted. */
    TERMINAL_TRADING_NOT_PERMITTED(30, MISSING, PERMISSIONS),
    /** Every trade permission is back: entries are no longer denied for it. */
    TERMINAL_TRADING_PERMITTED(31, PERMISSIONS),
    /** A deal closed part of a known position: its volume went down, the deal's profit is realized. */
    POSITION_REDUCED(32, TICKET, SYMBOL, SIDE, VOLUME, REMAINING_VOLUME, PROFIT, REASON),
    /** An entry is neither executed nor failed, and waits: for the terminal's history (a lookup) or for its market. */
    ORDER_WAITING(33, SIGNAL_ID, CLIENT_ORDER_ID, SYMBOL, RETCODE, REASON, WAIT_MILLIS);

    private static final LifecycleEventType[] VALUES = values();
    private static final LifecycleEventType[] BY_CODE = EnumCodes.byCode(values(), LifecycleEventType::code);

    /** What journals record for this constant: fixed forever, whatever the order of the constants. */
    private final int code;
    private final List<LifecycleField> fields;

    LifecycleEventType(final int code, final LifecycleField... fields)
    {
        this.code = code;
        this.fields = List.of(fields);
    }

    public int code()
    {
        return code;
    }

    /** The fields an event of this type carries, in order (unmodifiable). */
    public List<LifecycleField> fields()
    {
        return fields;
    }

    /** The constant journaled as {@code code}; refuses a code no constant has. */
    public static LifecycleEventType fromCode(final int code)
    {
        return EnumCodes.fromCode(BY_CODE, code, "LifecycleEventType");
    }

    public static int count()
    {
        return VALUES.length;
    }
}

package dev.ringfence.engine.event;

import java.util.function.Function;

/**
 * One field of a lifecycle event as its readers see it: the name it has in the JSON (SCENARIOS.md "Output"),
 * the kind of value, and which part of the {@link LifecycleEvent} holds it. {@link LifecycleEventType} lists
 * the fields of each type in their order, and {@link LifecycleEventWriter}'s method for the type takes them
 * in that order. The schema is written down once, in these two enums; the JSON writer and the docs' test derive
 * from it, and the compiler holds every emitter to the writer's methods.
 */
public enum LifecycleField
{
    SIGNAL_ID("signalId", Kind.TEXT, LifecycleEvent::signalId),
    CLIENT_ORDER_ID("clientOrderId", Kind.WHOLE, LifecycleEvent::clientOrderId),
    TICKET("ticket", Kind.WHOLE, LifecycleEvent::ticket),
    SYMBOL("symbol", Kind.SYMBOL, LifecycleEvent::symbolId),
    SIDE("side", Kind.TEXT, LifecycleEvent::side),
    VOLUME("volume", Kind.VOLUME, LifecycleEvent::volume),
    /** POSITION_REDUCED: the volume still open. */
    REMAINING_VOLUME("remainingVolume", Kind.VOLUME, LifecycleEvent::remainingVolume),
    PRICE("price", Kind.PRICE, LifecycleEvent::price),
    PROFIT("profit", Kind.MONEY, LifecycleEvent::profit),
    RETCODE("retcode", Kind.WHOLE, LifecycleEvent::retcode),
    REASON("reason", Kind.TEXT, LifecycleEvent::reason),
    /** The reason where an event may have none (GUARD_REARMED: only a cleared journal gap gives one). */
    REASON_IF_ANY("reason", Kind.TEXT_IF_ANY, LifecycleEvent::reason),
    DETAIL("detail", Kind.TEXT_IF_ANY, LifecycleEvent::detail),
    /** CONFIG_CHANGED: what changed, one setting after another. */
    CHANGES("changes", Kind.TEXT_IF_ANY, LifecycleEvent::detail),
    /** TERMINAL_TRADING_NOT_PERMITTED: the permissions missing, e.g. TERMINAL+EXPERT. */
    MISSING("missing", Kind.TEXT, LifecycleEvent::reason),
    /** The terminal's trade permissions, a bitmask. */
    PERMISSIONS("permissions", Kind.WHOLE, LifecycleEvent::count),
    /** ORDER_WAITING: how long until the order is tried again. */
    WAIT_MILLIS("waitMillis", Kind.WHOLE, LifecycleEvent::ageMillis),
    ACTOR("actor", Kind.TEXT_IF_ANY, LifecycleEvent::actor),
    COMMAND("command", Kind.TEXT, LifecycleEvent::command),
    /** LOOP_STOPPED: the positions still open. */
    OPEN_POSITIONS("openPositions", Kind.WHOLE, LifecycleEvent::count),
    /** LOOP_STOPPED: the orders still in flight. */
    PENDING_ORDERS("pendingOrders", Kind.WHOLE, LifecycleEvent::pendingOrders),
    RULE("rule", Kind.TEXT, LifecycleEvent::rule),
    LEVEL_PERCENT("levelPercent", Kind.WHOLE, LifecycleEvent::levelPercent),
    USED_PERCENT("usedPercent", Kind.PERCENT, LifecycleEvent::usedPercent),
    EQUITY("equity", Kind.MONEY, LifecycleEvent::equity),
    PEAK("peak", Kind.MONEY, LifecycleEvent::peak),
    OLD_PEAK("oldPeak", Kind.MONEY, LifecycleEvent::oldPeak),
    DRAWDOWN_PERCENT("drawdownPercent", Kind.PERCENT, LifecycleEvent::drawdownPercent),
    THRESHOLD("threshold", Kind.THRESHOLD, LifecycleEvent::threshold),
    FROM("from", Kind.TEXT, LifecycleEvent::fromState),
    TO("to", Kind.TEXT, LifecycleEvent::toState),
    POSITIONS_CLOSED("positionsClosed", Kind.WHOLE, LifecycleEvent::count),
    /** DATA_DEGRADED: the age of the last valid equity sample. */
    LAST_VALID_SAMPLE_AGE_MILLIS("lastValidSampleAgeMillis", Kind.WHOLE, LifecycleEvent::ageMillis),
    DIFFERENCES("differences", Kind.WHOLE, LifecycleEvent::count),
    CONSECUTIVE_FAILURES("consecutiveFailures", Kind.WHOLE, LifecycleEvent::count),

    // A HEARTBEAT's figures (RISK.md section 3); its equity, peak and drawdown are the fields above.
    BEAT_LOOP_ID("loopId", Kind.WHOLE, e -> e.heartbeat().loopId),
    BEAT_UPTIME_MILLIS("uptimeMillis", Kind.WHOLE, e -> e.heartbeat().uptimeMillis),
    BEAT_GUARD_STATE("guardState", Kind.TEXT, e -> e.heartbeat().guardState),
    BEAT_DEGRADED("degraded", Kind.FLAG, e -> e.heartbeat().degraded),
    BEAT_RECONCILING("reconciling", Kind.FLAG, e -> e.heartbeat().reconciling),
    BEAT_TERMINAL_CONNECTED("terminalConnected", Kind.FLAG, e -> e.heartbeat().terminalConnected),
    BEAT_OPEN_POSITIONS("openPositions", Kind.WHOLE, e -> e.heartbeat().openPositions),
    BEAT_PENDING_ORDERS("pendingOrders", Kind.WHOLE, e -> e.heartbeat().pendingOrders),
    BEAT_SIGNALS_RECEIVED("signalsReceived", Kind.WHOLE, e -> e.heartbeat().signalsReceived),
    BEAT_SIGNALS_APPROVED("signalsApproved", Kind.WHOLE, e -> e.heartbeat().signalsApproved),
    BEAT_SIGNALS_REJECTED("signalsRejected", Kind.WHOLE, e -> e.heartbeat().signalsRejected),
    BEAT_TRADES_EXECUTED("tradesExecuted", Kind.WHOLE, e -> e.heartbeat().tradesExecuted),
    BEAT_TRADES_FAILED("tradesFailed", Kind.WHOLE, e -> e.heartbeat().tradesFailed),
    BEAT_ERRORS("errors", Kind.WHOLE, e -> e.heartbeat().errors),
    BEAT_INTERVAL_SIGNALS_RECEIVED("intervalSignalsReceived", Kind.WHOLE, e -> e.heartbeat().intervalSignalsReceived),
    BEAT_INTERVAL_TRADES_EXECUTED("intervalTradesExecuted", Kind.WHOLE, e -> e.heartbeat().intervalTradesExecuted),
    BEAT_INTERVAL_TRADES_FAILED("intervalTradesFailed", Kind.WHOLE, e -> e.heartbeat().intervalTradesFailed),
    BEAT_INTERVAL_ERRORS("intervalErrors", Kind.WHOLE, e -> e.heartbeat().intervalErrors),
    BEAT_INVALID_SAMPLES("invalidSamples", Kind.WHOLE, e -> e.heartbeat().invalidSamples),
    BEAT_LAST_VALID_SAMPLE_AGE_MILLIS("lastValidSampleAgeMillis", Kind.WHOLE, e -> e.heartbeat().lastValidSampleAgeMillis),
    BEAT_RING_BACKLOG("ringBacklog", Kind.WHOLE, e -> e.heartbeat().ringBacklog),
    BEAT_LATENCY_P50("latencyP50Micros", Kind.MICROS, e -> e.heartbeat().latencyP50Nanos),
    BEAT_LATENCY_P99("latencyP99Micros", Kind.MICROS, e -> e.heartbeat().latencyP99Nanos),
    BEAT_LATENCY_MAX("latencyMaxMicros", Kind.MICROS, e -> e.heartbeat().latencyMaxNanos);

    /** What a value is, which decides how it is written (SCENARIOS.md "Output" gives the roundings). */
    public enum Kind
    {
        /** A string, or an enum's name; written as null when there is none. */
        TEXT,
        /** A string, left out when there is none ("if any"). */
        TEXT_IF_ANY,
        /** A whole number (an int or a long). */
        WHOLE,
        /** A boolean. */
        FLAG,
        /** A symbol id, written as the symbol's name. */
        SYMBOL,
        VOLUME,
        /** In the symbol's digits. */
        PRICE,
        /** In the account currency's digits. */
        MONEY,
        PERCENT,
        /** A percentage for the drawdown rule, an equity level (money) for the other rules. */
        THRESHOLD,
        /** Nanoseconds, written as microseconds. */
        MICROS
    }

    private final String jsonName;
    private final Kind kind;
    private final Function<LifecycleEvent, Object> value;

    LifecycleField(final String jsonName, final Kind kind, final Function<LifecycleEvent, Object> value)
    {
        this.jsonName = jsonName;
        this.kind = kind;
        this.value = value;
    }

    /** The field's name in the JSON and the docs. */
    public String jsonName()
    {
        return jsonName;
    }

    public Kind kind()
    {
        return kind;
    }

    /**
     * The field's value in {@code event}: a String, an enum, a boxed number or a Boolean, or null. Boxes:
     * for readers off the business thread (JSON, tests), never on it.
     */
    public Object valueIn(final LifecycleEvent event)
    {
        return value.apply(event);
    }
}

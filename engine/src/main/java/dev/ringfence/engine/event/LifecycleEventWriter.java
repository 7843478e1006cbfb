package dev.ringfence.engine.event;

/**
 * The lifecycle schema as code: one method per {@link LifecycleEventType}, taking the type's
 * {@link LifecycleEventType#fields() fields} in their order, so the compiler checks every emitter against it. Each
 * method fills the one reused {@link LifecycleEvent} and hands it to {@link #emit}; nothing is allocated, and the
 * event is valid only during that call. Subclasses decide what emitting means: the engine's counts every type and
 * contains a failing port; {@link #to} hands events straight on (for tests). Single-threaded, like its event.
 *
 * <p>Longer than most classes because it is the whole schema: one short method per type, 34 of them, read top to
 * bottom beside SCENARIOS.md's table ({@code LifecycleSchemaDocumentTest} holds the two together).
 */
public abstract class LifecycleEventWriter
{
    private final LifecycleEvent event = new LifecycleEvent();

    /** Hands the filled event on; it is reused by the next call. */
    protected abstract void emit(LifecycleEvent event);

    /** A writer that hands every event straight to {@code sink}. */
    public static LifecycleEventWriter to(final LifecycleEvents sink)
    {
        return new LifecycleEventWriter()
        {
            @Override
            protected void emit(final LifecycleEvent event)
            {
                sink.onLifecycleEvent(event);
            }
        };
    }

    public final void signalReceived(final long nowMillis, final String signalId, final int symbolId)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.SIGNAL_RECEIVED, nowMillis);
        e.signalId = signalId;
        e.symbolId = symbolId;
        emit(e);
    }

    public final void signalApproved(
        final long nowMillis, final String signalId, final long clientOrderId, final int symbolId, final Side side, final double volume)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.SIGNAL_APPROVED, nowMillis);
        e.signalId = signalId;
        e.clientOrderId = clientOrderId;
        e.symbolId = symbolId;
        e.side = side;
        e.volume = volume;
        emit(e);
    }

    /** {@code detail} refines the reason (which check, which spec), or is null. */
    public final void signalRejected(final long nowMillis, final String signalId, final RejectReason reason, final String detail)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.SIGNAL_REJECTED, nowMillis);
        e.signalId = signalId;
        e.reason = reason.name();
        e.detail = detail;
        emit(e);
    }

    /** {@code detail} is null, or RESOLVED_BY_LOOKUP when the outcome came from the terminal's history. */
    public final void tradeExecuted(
        final long nowMillis,
        final String signalId,
        final long clientOrderId,
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double price,
        final String detail)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.TRADE_EXECUTED, nowMillis);
        e.signalId = signalId;
        e.clientOrderId = clientOrderId;
        e.ticket = ticket;
        e.symbolId = symbolId;
        e.side = side;
        e.volume = volume;
        e.price = price;
        e.detail = detail;
        emit(e);
    }

    public final void tradeFailed(
        final long nowMillis, final String signalId, final long clientOrderId, final int symbolId, final int retcode, final String reason)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.TRADE_FAILED, nowMillis);
        e.signalId = signalId;
        e.clientOrderId = clientOrderId;
        e.symbolId = symbolId;
        e.retcode = retcode;
        e.reason = reason;
        emit(e);
    }

    public final void positionClosed(
        final long nowMillis,
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double profit,
        final CloseReason reason)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.POSITION_CLOSED, nowMillis);
        e.ticket = ticket;
        e.symbolId = symbolId;
        e.side = side;
        e.volume = volume;
        e.profit = profit;
        e.reason = reason.name();
        emit(e);
    }

    /** {@code volume} is the deal's; {@code remainingVolume} what is still open. */
    public final void positionReduced(
        final long nowMillis,
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double remainingVolume,
        final double profit,
        final CloseReason reason)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.POSITION_REDUCED, nowMillis);
        e.ticket = ticket;
        e.symbolId = symbolId;
        e.side = side;
        e.volume = volume;
        e.remainingVolume = remainingVolume;
        e.profit = profit;
        e.reason = reason.name();
        emit(e);
    }

    /** {@code reason} is LOOKUP_PENDING or MARKET_CLOSED; the order is tried again in {@code waitMillis}. */
    public final void orderWaiting(
        final long nowMillis,
        final String signalId,
        final long clientOrderId,
        final int symbolId,
        final int retcode,
        final String reason,
        final long waitMillis)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.ORDER_WAITING, nowMillis);
        e.signalId = signalId;
        e.clientOrderId = clientOrderId;
        e.symbolId = symbolId;
        e.retcode = retcode;
        e.reason = reason;
        e.ageMillis = waitMillis;
        emit(e);
    }

    public final void loopStarted(final long nowMillis, final String actor)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.LOOP_STARTED, nowMillis);
        e.actor = actor;
        emit(e);
    }

    public final void loopStopped(final long nowMillis, final int openPositions, final int pendingOrders)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.LOOP_STOPPED, nowMillis);
        e.count = openPositions;
        e.pendingOrders = pendingOrders;
        emit(e);
    }

    /** Copies {@code figures} (the caller keeps them); the event's equity, peak and drawdown are the figures'. */
    public final void heartbeat(final long nowMillis, final HeartbeatData figures)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.HEARTBEAT, nowMillis);
        e.heartbeat.copyFrom(figures);
        e.equity = figures.equity;
        e.peak = figures.peak;
        e.drawdownPercent = figures.drawdownPercent;
        emit(e);
    }

    public final void guardWarning(
        final long nowMillis, final GuardRule rule, final int levelPercent, final double usedPercent, final double equity, final double peak)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.GUARD_WARNING, nowMillis);
        e.rule = rule;
        e.levelPercent = levelPercent;
        e.usedPercent = usedPercent;
        e.equity = equity;
        e.peak = peak;
        emit(e);
    }

    /** {@code threshold}: a percentage for the drawdown rule, an equity level for the others. */
    public final void guardTripped(
        final long nowMillis, final GuardRule rule, final double equity, final double peak, final double drawdownPercent,
        final double threshold)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.GUARD_TRIPPED, nowMillis);
        e.rule = rule;
        e.equity = equity;
        e.peak = peak;
        e.drawdownPercent = drawdownPercent;
        e.threshold = threshold;
        emit(e);
    }

    public final void guardStateChanged(final long nowMillis, final GuardState from, final GuardState to)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.GUARD_STATE_CHANGED, nowMillis);
        e.fromState = from;
        e.toState = to;
        emit(e);
    }

    public final void flattenCompleted(final long nowMillis, final int positionsClosed, final double equity)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.FLATTEN_COMPLETED, nowMillis);
        e.count = positionsClosed;
        e.equity = equity;
        emit(e);
    }

    /** {@code reason} is JOURNAL_GAP when the re-arm accepted a journal gap, otherwise null. */
    public final void guardRearmed(
        final long nowMillis, final double peak, final double oldPeak, final double equity, final String actor, final String reason)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.GUARD_REARMED, nowMillis);
        e.peak = peak;
        e.oldPeak = oldPeak;
        e.equity = equity;
        e.actor = actor;
        e.reason = reason;
        emit(e);
    }

    public final void dataDegraded(final long nowMillis, final long lastValidSampleAgeMillis)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.DATA_DEGRADED, nowMillis);
        e.ageMillis = lastValidSampleAgeMillis;
        emit(e);
    }

    public final void dataRecovered(final long nowMillis, final double equity)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.DATA_RECOVERED, nowMillis);
        e.equity = equity;
        emit(e);
    }

    public final void terminalConnected(final long nowMillis)
    {
        emit(event.begin(LifecycleEventType.TERMINAL_CONNECTED, nowMillis));
    }

    public final void terminalDisconnected(final long nowMillis)
    {
        emit(event.begin(LifecycleEventType.TERMINAL_DISCONNECTED, nowMillis));
    }

    /**
     * {@code missing} names the permissions missing (e.g. TERMINAL+EXPERT); {@code permissions} is the bitmask. The
     * event also records the detail ENTRIES_DENIED, which is no field of the type: journals have always held it, and
     * a replay compares every holder.
     */
    public final void terminalTradingNotPermitted(final long nowMillis, final String missing, final int permissions)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.TERMINAL_TRADING_NOT_PERMITTED, nowMillis);
        e.reason = missing;
        e.count = permissions;
        e.detail = "ENTRIES_DENIED";
        emit(e);
    }

    public final void terminalTradingPermitted(final long nowMillis, final int permissions)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.TERMINAL_TRADING_PERMITTED, nowMillis);
        e.count = permissions;
        emit(e);
    }

    public final void symbolRefused(final long nowMillis, final int symbolId, final String reason, final String detail)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.SYMBOL_REFUSED, nowMillis);
        e.symbolId = symbolId;
        e.reason = reason;
        e.detail = detail;
        emit(e);
    }

    public final void reconciled(final long nowMillis, final int differences)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.RECONCILED, nowMillis);
        e.count = differences;
        emit(e);
    }

    public final void circuitOpened(final long nowMillis, final int consecutiveFailures)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.CIRCUIT_OPENED, nowMillis);
        e.count = consecutiveFailures;
        emit(e);
    }

    public final void circuitClosed(final long nowMillis)
    {
        emit(event.begin(LifecycleEventType.CIRCUIT_CLOSED, nowMillis));
    }

    /** {@code changes} lists what differs from the journal's configuration, or is null. */
    public final void configChanged(final long nowMillis, final String reason, final String changes)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.CONFIG_CHANGED, nowMillis);
        e.reason = reason;
        e.detail = changes;
        emit(e);
    }

    public final void configRebased(final long nowMillis, final double peak, final double oldPeak, final String actor)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.CONFIG_REBASED, nowMillis);
        e.peak = peak;
        e.oldPeak = oldPeak;
        e.actor = actor;
        emit(e);
    }

    public final void commandRefused(final long nowMillis, final AdminCommand command, final String reason, final String actor)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.COMMAND_REFUSED, nowMillis);
        e.command = command;
        e.reason = reason;
        e.actor = actor;
        emit(e);
    }

    /** A counted error with a constant reason and a detail (or null). */
    public final void error(final long nowMillis, final String reason, final String detail)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.ERROR, nowMillis);
        e.reason = reason;
        e.detail = detail;
        emit(e);
    }

    public final void journalFailed(final long nowMillis, final String reason, final String detail)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.JOURNAL_FAILED, nowMillis);
        e.reason = reason;
        e.detail = detail;
        emit(e);
    }

    public final void journalRecovered(final long nowMillis, final String reason, final String detail)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.JOURNAL_RECOVERED, nowMillis);
        e.reason = reason;
        e.detail = detail;
        emit(e);
    }

    public final void tradingHalted(final long nowMillis, final String actor)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.TRADING_HALTED, nowMillis);
        e.actor = actor;
        emit(e);
    }

    public final void tradingResumed(final long nowMillis, final String actor)
    {
        final LifecycleEvent e = event.begin(LifecycleEventType.TRADING_RESUMED, nowMillis);
        e.actor = actor;
        emit(e);
    }
}

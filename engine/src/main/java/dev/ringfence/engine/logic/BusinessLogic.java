package dev.ringfence.engine.logic;

import dev.ringfence.engine.AdminOutcome;
import dev.ringfence.engine.OpenPositions;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.HeartbeatData;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import org.agrona.concurrent.NanoClock;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The single-threaded business logic: every inbound event goes through {@link #onEvent(InboundEvent)}
 * on one thread, which owns the trading loop, the risk guard, the flattener, the heartbeat, positions,
 * orders and the account view. Nothing here is shared, locked or read by another thread.
 *
 * <p>Time: {@code now} is the highest event time seen, so the logic never reads a clock for decisions.
 * The injected {@link NanoClock} only measures processing latency for the heartbeat.
 *
 * <p>The order of work per event: the event's own handling, then time-driven work (retries, timeouts,
 * flatten rounds, staleness, day boundary, heartbeat), then the latency sample.
 */
public final class BusinessLogic
{
    /** Positions the engine can track at once. */
    public static final int POSITION_CAPACITY = 1024;

    /** The configuration in force: the business logic's own copy, changed only by CONFIG events and re-base. */
    private final EngineConfig config;
    private final SymbolTable symbols;
    private final NanoClock nanoClock;
    private final LongSupplier ringBacklog;
    private final EngineMetrics metrics = new EngineMetrics();
    private final LifecycleEmitter emitter;
    private final Positions positions = new Positions(POSITION_CAPACITY);
    private final OrderBook orders;
    private final RiskGuard guard;
    private final Flattener flattener;
    private final TradingLoop loop;
    private final Heartbeat heartbeat;
    private final Heartbeat.EngineState heartbeatFigures = this::fillHeartbeat;
    private final EngineConfig ownConfig;
    private StatusBoard statusBoard;
    /** The version of the positions last copied to the status board (-1: none copied yet). */
    private long publishedPositionsVersion = -1;
    private long lastHeartbeatMillis;
    /** The refusal of the admin command being processed, null while it is applied (business thread only). */
    private String adminRefusal;

    private long nowMillis = Long.MIN_VALUE;
    private boolean terminalConnected;
    private boolean accountSinceConnect;
    private boolean snapshotSinceConnect;
    private int reconcileDifferences;
    private boolean configSeen;
    /** The account this engine's journal belongs to (0 until known) and whether the terminal reports another. */
    private long boundLogin;
    private boolean accountMismatch;
    /** The journal gate could not record the latest event (see {@link #onJournalHealth}). */
    private boolean journalFailed;
    /** Inputs processed not journaled since the journal last wrote: what a rebuild from it would miss. */
    private int notJournaledInputs;
    private EngineConfig pendingConfig;

    public BusinessLogic(
        final EngineConfig config,
        final SymbolTable symbols,
        final OrderCommands commands,
        final LifecycleEvents lifecycleEvents,
        final NanoClock nanoClock,
        final LongSupplier ringBacklog)
    {
        final EngineConfig own = EngineConfig.parse(config.describe());
        this.config = own;
        this.ownConfig = own;
        this.symbols = symbols;
        this.nanoClock = nanoClock;
        this.ringBacklog = ringBacklog;
        // The business logic sees its own refusals on the way out, to tell the operator API which and why.
        this.emitter = new LifecycleEmitter(event ->
        {
            if (event.type() == LifecycleEventType.COMMAND_REFUSED && event.command() != null)
            {
                adminRefusal = event.reason();
            }
            lifecycleEvents.onLifecycleEvent(event);
        }, metrics);
        final OrderCommands guardedCommands = new GuardedOrderCommands(commands, metrics);
        this.orders = new OrderBook(own.maxInFlightOrders);
        this.guard = new RiskGuard(own, emitter, metrics, positions, orders);
        this.flattener = new Flattener(
            own, symbols, positions, orders, guardedCommands, emitter, metrics, this::positionClosed, guard, POSITION_CAPACITY);
        this.guard.flattener(flattener);
        this.loop = new TradingLoop(own, symbols, positions, orders, guardedCommands, emitter, metrics, guard);
        this.heartbeat = new Heartbeat(own, emitter, metrics);
        // Until a terminal has connected and been reconciled, the engine knows nothing to trade on.
        this.guard.reconciling(true);
        this.boundLogin = own.accountLogin;
    }

    public void onEvent(final InboundEvent event)
    {
        if (event.timeMillis() > nowMillis)
        {
            nowMillis = event.timeMillis();
        }
        final long now = nowMillis;
        metrics.eventsProcessed++;
        if (event.notJournaled() != journalFailed)
        {
            onJournalHealth(now, event.notJournaled());
        }
        if (event.notJournaled() && notJournaledInputs < Integer.MAX_VALUE)
        {
            notJournaledInputs++;
        }
        switch (event.type())
        {
            case SIGNAL:
                loop.onSignal(now, event);
                break;
            case TICK:
                flattener.onTick(now, event.symbolId());
                break;
            case ACCOUNT:
                checkAccount(now, event.login());
                guard.onAccount(now, event);
                accountSinceConnect = true;
                reconcileIfReady(now);
                break;
            case POSITIONS_BEGIN:
                positions.beginSnapshot(event.count());
                if (event.count() <= 0)
                {
                    applySnapshot(now);
                }
                break;
            case POSITION:
                onPosition(now, event);
                break;
            case ORDER_RESULT:
                onOrderResult(now, event);
                break;
            case POSITION_CLOSED:
                final int index = positions.indexOf(event.ticket());
                if (index >= 0)
                {
                    positionClosed(now, index, event.profit(), event.closeReason());
                }
                break;
            case ADMIN:
                adminRefusal = null;
                onAdmin(now, event);
                break;
            case TERMINAL_STATUS:
                onTerminalStatus(now, event.connected());
                break;
            case BALANCE_OPERATION:
                guard.onBalanceOperation(event.amount());
                break;
            case CONFIG:
                onConfig(now, event.configText());
                break;
            case JOURNAL_GAP:
                onJournalGap(now, event.count());
                break;
            case TIMER:
            default:
                break;
        }
        onTime(now);
        // Only live events are measured: a replayed event carries no publish stamp (recovery, replay), and
        // measuring it against the current time would report the age of the journal as latency.
        final boolean measured = event.publishNanos() != InboundEvent.NOT_MEASURED;
        final long latency = measured ? nanoClock.nanoTime() - event.publishNanos() : 0;
        if (measured)
        {
            heartbeat.recordLatency(latency);
        }
        final StatusBoard board = statusBoard;
        if (board != null)
        {
            if (measured)
            {
                board.recordLatency(latency);
            }
            if (event.type() == InboundEventType.TIMER || event.type() == InboundEventType.ADMIN)
            {
                publishStatus(board, now);
            }
            if (event.type() == InboundEventType.ADMIN && event.adminCommandId() != 0)
            {
                // Operator commands are rare: one small immutable object each is worth a race-free answer.
                board.publishAdminOutcome(new AdminOutcome(
                    event.adminCommandId(), adminRefusal, guard.state(), loop.isHalted(), guard.peak(), guard.lastEquity()));
            }
        }
    }

    /**
     * A journal belongs to one account: the configured {@code account.login}, or else the first login it
     * recorded. A report of another login (a journal recovered for the wrong terminal) denies entries and
     * raises one ERROR per episode; the guard ignores that account's figures. Deterministic: a replay of the
     * same ACCOUNT events decides the same.
     */
    private void checkAccount(final long now, final long login)
    {
        if (login == 0)
        {
            return;
        }
        if (boundLogin == 0)
        {
            boundLogin = login;
        }
        final boolean mismatch = login != boundLogin;
        if (mismatch == accountMismatch)
        {
            return;
        }
        accountMismatch = mismatch;
        guard.accountMismatch(mismatch);
        if (mismatch)
        {
            emitter.error(now, "ACCOUNT_MISMATCH", "the journal belongs to login " + boundLogin + " but the terminal reports login " +
                login + ": entries denied and its figures ignored; stop, and run this account with its own journal (--journal DIR)");
        }
    }

    /**
     * The journal gate could not record this event, or records again after failing. Only live events can
     * carry the flag (a replay reads journaled events only), so the decisions a replay reproduces never
     * depend on it. While failed: entries are denied, guarding and flattening go on; one event per change.
     */
    private void onJournalHealth(final long now, final boolean failed)
    {
        journalFailed = failed;
        guard.journalFailed(failed);
        if (failed)
        {
            emitter.begin(LifecycleEventType.JOURNAL_FAILED, now).reason("INBOUND_NOT_JOURNALED")
                .detail("an input could not be journaled; new entries are denied until the journal writes again");
        }
        else
        {
            emitter.begin(LifecycleEventType.JOURNAL_RECOVERED, now).reason("INBOUND_JOURNALED")
                .detail("the journal writes again; entries stay denied (JOURNAL_GAP) until an operator re-arms");
        }
        emitter.emit();
        if (!failed)
        {
            // The gate wrote a JOURNAL_GAP marker just before this event: a replay takes the same step there.
            final int lost = notJournaledInputs;
            notJournaledInputs = 0;
            onJournalGap(now, lost);
        }
    }

    /**
     * Inputs were processed but not journaled (live: the journal wrote again; replay: the gate's marker).
     * A rebuild from this journal misses them (a trip, a halt, a peak, a refused signal id), so the state
     * may be less safe than the one the engine had: entries are denied until an operator re-arms, with one
     * ERROR per gap. Guarding and flattening go on.
     */
    private void onJournalGap(final long now, final int lost)
    {
        if (guard.isJournalGap())
        {
            return;
        }
        guard.journalGap(true);
        emitter.error(now, "JOURNAL_GAP", (lost > 0 ? lost + " inputs were" : "an unknown number of inputs (the run stopped during the outage) were") +
            " not journaled; entries stay denied until an operator re-arms");
    }

    /** Where the business thread publishes its status for other threads; set before the engine starts. */
    public void statusBoard(final StatusBoard board)
    {
        this.statusBoard = board;
    }

    private void publishStatus(final StatusBoard b, final long now)
    {
        final double equity = guard.lastEquity();
        b.timeMillis = now;
        b.guardState = guard.state();
        b.degraded = guard.isDegraded();
        b.reconciling = guard.isReconciling();
        b.rebaseRequired = guard.isRebaseRequired();
        b.loopRunning = loop.isRunning();
        b.halted = loop.isHalted();
        b.entryDenial = loop.isHalted() ? "HALTED" : guard.entryDenial();
        b.accountMismatch = guard.isAccountMismatch();
        b.terminalConnected = terminalConnected;
        b.equity = equity;
        b.balance = guard.lastBalance();
        b.peak = guard.peak();
        b.drawdownPercent = guard.drawdownPercent();
        b.drawdownRemainingPercent = guard.drawdownRemainingPercent();
        b.floorDistance = guard.floorDistance();
        b.dailyLossUsedRatio = guard.dailyLossUsedRatio();
        b.dailyLossRemaining = guard.dailyLossRemaining();
        b.openPositions = positions.count();
        if (positions.version() != publishedPositionsVersion)
        {
            // A copy only when the set changed: no allocation while it stands still.
            publishedPositionsVersion = positions.version();
            final OpenPositions copy = new OpenPositions(now, positions.count());
            for (int i = 0; i < positions.count(); i++)
            {
                copy.set(i, positions.ticket(i), positions.symbolId(i), positions.side(i), positions.volume(i),
                    positions.openPrice(i), positions.profit(i));
            }
            b.positions = copy;
        }
        b.pendingOrders = orders.size();
        b.lastHeartbeatMillis = lastHeartbeatMillis;
        b.signalsReceived = metrics.signalsReceived;
        b.signalsApproved = metrics.signalsApproved;
        b.signalsRejected = metrics.signalsRejected;
        b.tradesExecuted = metrics.tradesExecuted;
        b.tradesFailed = metrics.tradesFailed;
        b.errors = metrics.errors;
        b.invalidSamples = metrics.invalidSamples;
        b.eventsProcessed = metrics.eventsProcessed;
        for (int r = 0; r < metrics.tripsByRule.length; r++)
        {
            b.tripsByRule.lazySet(r, metrics.tripsByRule[r]);
        }
    }

    /**
     * An exception escaped the handling of one event: count it, report it as an {@code ERROR}, and keep
     * going. Stopping here would silently switch off the risk guard.
     */
    public void onEventFailed(final Throwable failure, final InboundEvent event)
    {
        // The error path may allocate: naming the failure is worth more than the bytes.
        emitter.error(nowMillis, "EVENT_FAILED",
            (event == null ? "UNKNOWN" : event.type().name()) + ":" + failure.getClass().getSimpleName());
    }

    /** Reporting a failure failed too (a broken outbound port): count it; nothing else can be done safely. */
    public void onReportingFailed(final Throwable failure)
    {
        metrics.outputFailures++;
        metrics.errors++;
    }

    private void onTime(final long now)
    {
        loop.onTime(now);
        flattener.onTime(now);
        guard.onTime(now);
        if (!loop.isStopped() && heartbeat.isDue(now))
        {
            heartbeat.beat(now, heartbeatFigures);
            lastHeartbeatMillis = now;
        }
    }

    private void onPosition(final long now, final InboundEvent event)
    {
        if (!positions.isStaging())
        {
            emitter.error(now, "POSITION_OUTSIDE_SNAPSHOT", null);
            return;
        }
        if (positions.stage(
            event.ticket(), event.symbolId(), event.side(), event.volume(), event.price(), event.profit(), event.magic()))
        {
            applySnapshot(now);
        }
    }

    private void applySnapshot(final long now)
    {
        if (positions.stagingOverflowed())
        {
            emitter.error(now, "POSITIONS_OVERFLOW", "SNAPSHOT_TRUNCATED");
        }
        final boolean reconcilingNow = guard.isReconciling() && !snapshotSinceConnect;
        for (int i = positions.count() - 1; i >= 0; i--)
        {
            if (!positions.stagedContains(positions.ticket(i)))
            {
                final CloseReason reason =
                    orders.findClose(positions.ticket(i)) != null ? CloseReason.GUARD_FLATTEN : CloseReason.UNKNOWN;
                if (reconcilingNow)
                {
                    reconcileDifferences++;
                }
                positionClosed(now, i, positions.profit(i), reason);
            }
        }
        if (reconcilingNow)
        {
            reconcileDifferences += positions.stagedCountNotIn();
        }
        positions.applyStaged();
        loop.resolveFromSnapshot(now);
        snapshotSinceConnect = true;
        reconcileIfReady(now);
        flattener.onSnapshotApplied(now);
    }

    /** The one place a known position leaves the book: {@code POSITION_CLOSED} is emitted exactly once. */
    private void positionClosed(final long now, final int index, final double profit, final CloseReason reason)
    {
        emitter.begin(LifecycleEventType.POSITION_CLOSED, now)
            .ticket(positions.ticket(index))
            .symbolId(positions.symbolId(index))
            .side(positions.side(index))
            .volume(positions.volume(index))
            .profit(profit)
            .reason(reason.name());
        emitter.emit();
        positions.removeAt(index);
        flattener.countClosed();
    }

    private void onOrderResult(final long now, final InboundEvent result)
    {
        final Order order = orders.find(result.clientOrderId());
        if (order == null)
        {
            if (orders.wasRecentlySettled(result.clientOrderId()))
            {
                metrics.duplicateOrderResults++;
            }
            else
            {
                emitter.error(now, "UNMATCHED_ORDER_RESULT", null);
            }
            return;
        }
        if (order.kind == Order.Kind.CLOSE)
        {
            flattener.onCloseResult(now, order, result.retcode(), result.profit());
        }
        else
        {
            loop.onEntryResult(now, order, result);
        }
    }

    private void onAdmin(final long now, final InboundEvent event)
    {
        final String actor = event.actor();
        switch (event.adminCommand())
        {
            case START:
                loop.start(now, actor);
                guard.start(now);
                heartbeat.start(now);
                break;
            case STOP:
                loop.stop(now);
                break;
            case HALT:
                if (!loop.isHalted())
                {
                    loop.halt();
                    emitter.begin(LifecycleEventType.TRADING_HALTED, now).actor(actor);
                    emitter.emit();
                }
                break;
            case RESUME:
                if (loop.isHalted())
                {
                    loop.resume();
                    emitter.begin(LifecycleEventType.TRADING_RESUMED, now).actor(actor);
                    emitter.emit();
                }
                guard.resumeByOperator(now);
                break;
            case FLATTEN:
                guard.flattenByOperator(now, actor);
                break;
            case REARM:
                guard.rearm(now, actor, false);
                break;
            case REDUCE_ONLY:
                guard.reduceOnlyByOperator(now, actor);
                break;
            case REBASE:
                rebase(now, actor);
                break;
            default:
                break;
        }
    }

    /**
     * The first configuration an engine sees is the one its history was made with, and applies. A later,
     * different one (a restart with changed limits or account) is not applied silently: entries are denied
     * until an operator re-bases, and until then the journal's configuration stays in force.
     */
    private void onConfig(final long now, final String text)
    {
        final EngineConfig announced;
        try
        {
            announced = EngineConfig.parse(text).validate();
        }
        catch (final RuntimeException ex)
        {
            emitter.error(now, "CONFIG_INVALID", null);
            return;
        }
        if (!configSeen)
        {
            configSeen = true;
            apply(announced);
            return;
        }
        final String changes = config.differences(announced);
        if (changes.isEmpty())
        {
            pendingConfig = null;
            guard.rebaseRequired(false);
            return;
        }
        pendingConfig = announced;
        guard.rebaseRequired(true);
        emitter.begin(LifecycleEventType.CONFIG_CHANGED, now).reason("REBASE_REQUIRED").detail(changes);
        emitter.emit();
    }

    private void rebase(final long now, final String actor)
    {
        if (pendingConfig == null)
        {
            emitter.begin(LifecycleEventType.COMMAND_REFUSED, now).command(AdminCommand.REBASE).reason("NOTHING_TO_REBASE").actor(actor);
            emitter.emit();
            return;
        }
        if (!sameSymbols(pendingConfig))
        {
            emitter.begin(LifecycleEventType.COMMAND_REFUSED, now).command(AdminCommand.REBASE).reason("SYMBOLS_CHANGED").actor(actor);
            emitter.emit();
            return;
        }
        final double oldPeak = guard.peak();
        apply(pendingConfig);
        pendingConfig = null;
        guard.rebase(now);
        emitter.begin(LifecycleEventType.CONFIG_REBASED, now).peak(guard.peak()).oldPeak(oldPeak).actor(actor);
        emitter.emit();
    }

    private void apply(final EngineConfig announced)
    {
        if (!sameSymbols(announced))
        {
            // Journaled events carry interned symbol ids: a different symbol list cannot be applied in place.
            emitter.error(nowMillis, "CONFIG_SYMBOLS_MISMATCH", null);
        }
        final List<SymbolSpec> symbolsInUse = config.symbols;
        config.copyFrom(announced);
        config.symbols = symbolsInUse;
        guard.reconfigure();
        loop.reconfigure();
    }

    private boolean sameSymbols(final EngineConfig other)
    {
        if (other.symbols.size() != symbols.size())
        {
            return false;
        }
        for (int i = 0; i < symbols.size(); i++)
        {
            if (!other.symbols.get(i).name().equals(symbols.name(i)))
            {
                return false;
            }
        }
        return true;
    }

    private void onTerminalStatus(final long now, final boolean connected)
    {
        if (connected == terminalConnected)
        {
            return;
        }
        terminalConnected = connected;
        guard.reconciling(true);
        accountSinceConnect = false;
        snapshotSinceConnect = false;
        reconcileDifferences = 0;
        if (connected)
        {
            emitter.begin(LifecycleEventType.TERMINAL_CONNECTED, now);
            emitter.emit();
        }
        else
        {
            emitter.begin(LifecycleEventType.TERMINAL_DISCONNECTED, now);
            emitter.emit();
            loop.onDisconnected(now);
        }
    }

    /** After a (re)connect, entries stay denied until an account report and a positions snapshot agree. */
    private void reconcileIfReady(final long now)
    {
        if (terminalConnected && guard.isReconciling() && accountSinceConnect && snapshotSinceConnect)
        {
            guard.reconciling(false);
            emitter.begin(LifecycleEventType.RECONCILED, now).count(reconcileDifferences);
            emitter.emit();
            loop.onReconciled(now);
        }
    }

    private void fillHeartbeat(final long now, final HeartbeatData data)
    {
        data.openPositions = positions.count();
        data.pendingOrders = orders.size();
        data.equity = Double.isFinite(guard.lastEquity()) ? guard.lastEquity() : 0;
        data.peak = guard.peak();
        data.drawdownPercent = guard.drawdownPercent();
        data.guardState = guard.state();
        data.degraded = guard.isDegraded();
        data.reconciling = guard.isReconciling();
        data.lastValidSampleAgeMillis = guard.lastValidSampleAge(now);
        data.terminalConnected = terminalConnected;
        data.ringBacklog = ringBacklog.getAsLong();
    }

    // ---------------------------------------------------------------- read-only views (business thread)

    public SymbolTable symbols()
    {
        return symbols;
    }

    public EngineMetrics metrics()
    {
        return metrics;
    }

    public GuardState guardState()
    {
        return guard.state();
    }

    public double peakEquity()
    {
        return guard.peak();
    }

    public double lastEquity()
    {
        return guard.lastEquity();
    }

    public double drawdownPercent()
    {
        return guard.drawdownPercent();
    }

    public boolean isDegraded()
    {
        return guard.isDegraded();
    }

    public boolean isReconciling()
    {
        return guard.isReconciling();
    }

    public boolean isRebaseRequired()
    {
        return guard.isRebaseRequired();
    }

    public int openPositions()
    {
        return positions.count();
    }

    public int ordersInFlight()
    {
        return orders.size();
    }

    /** Signal ids the loop remembers as decided (for tests of its bound). */
    int decidedSignalIdCount()
    {
        return loop.decidedSignalIdCount();
    }

    public boolean isHalted()
    {
        return loop.isHalted();
    }

    public boolean isLoopRunning()
    {
        return loop.isRunning();
    }

    public boolean isLoopStopped()
    {
        return loop.isStopped();
    }

    public long nowMillis()
    {
        return nowMillis;
    }

}

package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import org.agrona.concurrent.NanoClock;

import java.util.function.LongSupplier;

/**
 * The single-threaded business logic: the dispatcher every inbound event goes through
 * ({@link #onEvent(InboundEvent)}), on one thread, which owns every concern it wires together: the trading
 * loop, the equity feed, the daily loss budget, the risk guard and its rules, the flattener, reconciliation,
 * configuration changes, the heartbeat, positions and orders. Nothing here is shared, locked or read by
 * another thread: state leaves only through {@link StatusProjection} into a {@link StatusBoard}. Reached only
 * through {@link EventProcessor}, which applies the one failure policy.
 *
 * <p>Longer than most classes here because it is the one place that wires the concerns and fixes, per event
 * type, which of them act and in what order; the rules themselves live in the classes it calls.
 *
 * <p>Time: {@code now} is the highest event time seen, so the logic never reads a clock for decisions.
 * The injected {@link NanoClock} only measures processing latency for the heartbeat.
 *
 * <p>The order of work per event: the event's own handling, then time-driven work (retries, timeouts,
 * flatten rounds, staleness, day boundary, heartbeat), then the latency sample.
 */
final class BusinessLogic
{
    /** Positions the engine can track at once. */
    static final int POSITION_CAPACITY = 1024;

    private final SymbolTable symbols;
    private final NanoClock nanoClock;
    private final EngineMetrics metrics = new EngineMetrics();
    private final LifecycleEmitter emitter;
    private final Positions positions = new Positions(POSITION_CAPACITY);
    private final TerminalSymbols terminalSymbols;
    private final OrderBook orders;
    private final Reconciliation reconciliation;
    private final EquityFeed feed;
    private final RiskGuard guard;
    private final Flattener flattener;
    private final TradingLoop loop;
    private final Heartbeat heartbeat;
    private final ConfigurationChanges configuration;
    private final StatusProjection projection;
    private final TerminalAccount account;
    private final PartialCloses partialCloses;
    private final JournalHealth journalHealth;
    private final Heartbeat.EngineState heartbeatFigures;
    private StatusBoard statusBoard;
    private long lastHeartbeatMillis;
    /** The refusal of the admin command being processed, null while it is applied (business thread only). */
    private String adminRefusal;

    private long nowMillis = Long.MIN_VALUE;

    BusinessLogic(
        final EngineConfig config,
        final SymbolTable symbols,
        final OrderCommands commands,
        final LifecycleEvents lifecycleEvents,
        final NanoClock nanoClock,
        final LongSupplier ringBacklog)
    {
        // The business logic's own copy: configuration changes overwrite it in place, never the caller's.
        final EngineConfig own = EngineConfig.parse(config.describe());
        this.symbols = symbols;
        this.nanoClock = nanoClock;
        // The business logic sees its own refusals on the way out, to tell the operator API which and why.
        this.emitter = new LifecycleEmitter(event ->
        {
            if (event.type() == LifecycleEventType.COMMAND_REFUSED && event.command() != null)
            {
                adminRefusal = event.reason();
            }
            lifecycleEvents.onLifecycleEvent(event);
        }, metrics);
        final CommandSender sender = new CommandSender(symbols, commands, metrics);
        this.orders = new OrderBook(own.maxInFlightOrders);
        this.terminalSymbols = new TerminalSymbols(symbols);
        this.reconciliation = new Reconciliation(emitter);
        this.feed = new EquityFeed(own, emitter, metrics, positions, orders);
        final DailyLossBudget budget = new DailyLossBudget(own);
        // Wired one way: the guard starts the flattener; the flattener's completion comes back through here.
        this.flattener = new Flattener(
            own, symbols, positions, orders, sender, emitter, metrics, this::positionClosed, POSITION_CAPACITY);
        final EntryGate gate = new EntryGate(feed, reconciliation);
        this.guard = new RiskGuard(own, emitter, metrics, positions, orders, flattener, feed, budget, gate);
        this.loop = new TradingLoop(own, symbols, positions, orders, sender, emitter, metrics, guard, terminalSymbols);
        this.heartbeat = new Heartbeat(own, emitter, metrics);
        this.configuration = new ConfigurationChanges(own, symbols, emitter, guard, gate, feed, budget, loop);
        this.account = new TerminalAccount(own.accountLogin, emitter, metrics, guard, gate);
        this.projection = new StatusProjection(
            own, guard, gate, feed, budget, loop, positions, orders, metrics, terminalSymbols, reconciliation, account, ringBacklog);
        this.heartbeatFigures = projection::fillHeartbeat;
        this.journalHealth = new JournalHealth(emitter, gate);
        this.partialCloses = new PartialCloses(positions, emitter);
    }

    void onEvent(final InboundEvent event)
    {
        if (event.timeMillis() > nowMillis)
        {
            nowMillis = event.timeMillis();
        }
        final long now = nowMillis;
        metrics.eventsProcessed++;
        journalHealth.onEvent(now, event);
        switch (event.type())
        {
            case SIGNAL:
                loop.onSignal(now, event);
                break;
            case TICK:
                flattener.onTick(now, event.symbolId());
                loop.onTick(now, event.symbolId());
                break;
            case ACCOUNT:
                account.onAccount(now, event.login(), event.tradePermissions());
                guard.onAccount(now, event);
                reconciliation.onAccount();
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
                final int closed = partialCloses.onPositionClosed(now, event);
                if (closed >= 0)
                {
                    positionClosed(now, closed, event.profit(), event.closeReason());
                }
                break;
            case ADMIN:
                adminRefusal = null;
                onAdmin(now, event);
                break;
            case TERMINAL_STATUS:
                onTerminalStatus(now, event.connected(), event.reportsSymbolSpecs());
                break;
            case BALANCE_OPERATION:
                account.onBalanceOperation(event.amount(), event.ticket());
                break;
            case SYMBOL_SPEC:
                if (!terminalSymbols.onSpec(event.symbolId(), event.contractSize(), event.volumeMin(), event.volumeStep(),
                    event.volumeMax(), event.digits()))
                {
                    symbolRefused(now, event.symbolId());
                }
                break;
            case SYMBOL_REFUSED:
                terminalSymbols.onRefused(event.symbolId());
                symbolRefused(now, event.symbolId());
                break;
            case CONFIG:
                configuration.onConfig(now, event.configText());
                break;
            case JOURNAL_GAP:
                journalHealth.onGap(now, event.count());
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
                publishStatus(board);
            }
            if (event.type() == InboundEventType.ADMIN && event.adminCommandId() != 0)
            {
                // Operator commands are rare: one small immutable object each is worth a race-free answer.
                board.publishAdminOutcome(projection.adminOutcome(event.adminCommandId(), adminRefusal));
            }
        }
    }

    /** The gateway (or the engine's own check) refused the terminal's spec of a symbol: entries on it are denied. */
    private void symbolRefused(final long now, final int symbolId)
    {
        if (symbols.isKnown(symbolId))
        {
            emitter.symbolRefused(now, symbolId, "BAD_SYMBOL", "ENTRIES_DENIED");
        }
    }

    /** Where the business thread publishes its status for other threads; set before the engine starts. */
    void statusBoard(final StatusBoard board)
    {
        this.statusBoard = board;
    }

    /** Refreshes {@code board} from the current state (business thread only). */
    void publishStatus(final StatusBoard board)
    {
        projection.publish(board, nowMillis, lastHeartbeatMillis);
    }

    /**
     * An exception escaped the handling of one event: count it, report it as an {@code ERROR}, and keep
     * going. Stopping here would silently switch off the risk guard.
     */
    void onEventFailed(final Throwable failure, final InboundEvent event)
    {
        // The error path may allocate: naming the failure is worth more than the bytes.
        emitter.error(nowMillis, "EVENT_FAILED",
            (event == null ? "UNKNOWN" : event.type().name()) + ":" + failure.getClass().getSimpleName());
    }

    /** Reporting a failure failed too (a broken outbound port): count it; nothing else can be done safely. */
    void onReportingFailed(final Throwable failure)
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
        final boolean reconcilingNow = reconciliation.isFirstSnapshotPending();
        for (int i = positions.count() - 1; i >= 0; i--)
        {
            if (!positions.stagedContains(positions.ticket(i)))
            {
                final CloseReason reason =
                    orders.findClose(positions.ticket(i)) != null ? CloseReason.GUARD_FLATTEN : CloseReason.UNKNOWN;
                if (reconcilingNow)
                {
                    reconciliation.countDifferences(1);
                }
                positionClosed(now, i, positions.profit(i), reason);
            }
        }
        if (reconcilingNow)
        {
            reconciliation.countDifferences(positions.stagedCountNotIn());
        }
        positions.applyStaged();
        loop.resolveFromSnapshot(now);
        reconciliation.onSnapshot();
        reconcileIfReady(now);
        if (flattener.onSnapshotApplied(now))
        {
            guard.onFlattenCompleted(now, flattener.positionsClosed());
        }
    }

    /** The one place a known position leaves the book: {@code POSITION_CLOSED} is emitted exactly once. */
    private void positionClosed(final long now, final int index, final double profit, final CloseReason reason)
    {
        emitter.positionClosed(
            now, positions.ticket(index), positions.symbolId(index), positions.side(index), positions.volume(index), profit, reason);
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
            flattener.onCloseResult(now, order, result.retcode(), result.profit(), result.volume());
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
                feed.start(now);
                heartbeat.start(now);
                break;
            case STOP:
                loop.stop(now);
                break;
            case HALT:
                if (!loop.isHalted())
                {
                    loop.halt();
                    emitter.tradingHalted(now, actor);
                }
                break;
            case RESUME:
                if (loop.isHalted())
                {
                    loop.resume();
                    emitter.tradingResumed(now, actor);
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
                configuration.rebase(now, actor);
                break;
            default:
                break;
        }
    }

    private void onTerminalStatus(final long now, final boolean connected, final boolean reportsSymbolSpecs)
    {
        if (!reconciliation.onTerminalStatus(now, connected))
        {
            return;
        }
        if (connected)
        {
            // A new session: only what this terminal describes from now on is traded.
            terminalSymbols.newSession(reportsSymbolSpecs);
        }
        else
        {
            loop.onDisconnected(now);
        }
    }

    private void reconcileIfReady(final long now)
    {
        if (reconciliation.reconcileIfReady(now))
        {
            loop.onReconciled(now);
        }
    }

    /** Signal ids the loop remembers as decided (for tests of its bound). */
    int decidedSignalIdCount()
    {
        return loop.decidedSignalIdCount();
    }

    /** Event time: the highest event time seen (Long.MIN_VALUE before the first event). */
    long nowMillis()
    {
        return nowMillis;
    }
}

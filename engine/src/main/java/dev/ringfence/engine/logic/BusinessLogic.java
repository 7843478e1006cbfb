package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.Money;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.HeartbeatData;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.TradePermissions;
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
 * <p>Time: {@code now} is the highest event time seen, so the logic never reads a clock for decisions.
 * The injected {@link NanoClock} only measures processing latency for the heartbeat.
 *
 * <p>The order of work per event: the event's own handling, then time-driven work (retries, timeouts,
 * flatten rounds, staleness, day boundary, heartbeat), then the latency sample.
 */
final class BusinessLogic
{
    /** Positions the engine can track at once. */
    public static final int POSITION_CAPACITY = 1024;

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
    private final Heartbeat.EngineState heartbeatFigures;
    private StatusBoard statusBoard;
    private long lastHeartbeatMillis;
    /** The refusal of the admin command being processed, null while it is applied (business thread only). */
    private String adminRefusal;

    private long nowMillis = Long.MIN_VALUE;
    /** The account this engine's journal belongs to (0 until known) and whether the terminal reports another. */
    private long boundLogin;
    private boolean accountMismatch;
    /** The terminal's last reported {@link TradePermissions} (all, until a report says otherwise). */
    private int tradePermissions = TradePermissions.ALL;
    /** Deal tickets of the last balance operations applied, so one reported twice moves nothing twice. */
    private final long[] recentBalanceDeals = new long[64];
    private int balanceDealCursor;
    /** The last partial closes counted, as (ticket, volume left): the same deal reported again is counted once. */
    private final long[] reducedTickets = new long[64];
    private final double[] reducedRemaining = new double[64];
    private int reducedCursor;
    /** The journal gate could not record the latest event (see {@link #onJournalHealth}). */
    private boolean journalFailed;
    /** Inputs processed not journaled since the journal last wrote: what a rebuild from it would miss. */
    private int notJournaledInputs;

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
        final OrderCommands guardedCommands = new GuardedOrderCommands(commands, metrics);
        this.orders = new OrderBook(own.maxInFlightOrders);
        this.terminalSymbols = new TerminalSymbols(symbols);
        this.reconciliation = new Reconciliation(emitter);
        this.feed = new EquityFeed(own, emitter, metrics, positions, orders);
        final DailyLossBudget budget = new DailyLossBudget(own);
        // Wired one way: the guard starts the flattener; the flattener's completion comes back through here.
        this.flattener = new Flattener(
            own, symbols, positions, orders, guardedCommands, emitter, metrics, this::positionClosed, POSITION_CAPACITY);
        this.guard = new RiskGuard(own, emitter, metrics, positions, orders, flattener, feed, budget, reconciliation);
        this.loop = new TradingLoop(own, symbols, positions, orders, guardedCommands, emitter, metrics, guard, terminalSymbols);
        this.heartbeat = new Heartbeat(own, emitter, metrics);
        this.configuration = new ConfigurationChanges(own, symbols, emitter, guard, feed, budget, loop);
        this.projection = new StatusProjection(
            own, guard, feed, budget, loop, positions, orders, metrics, terminalSymbols, reconciliation, ringBacklog);
        this.heartbeatFigures = projection::fillHeartbeat;
        this.boundLogin = own.accountLogin;
    }

    void onEvent(final InboundEvent event)
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
                loop.onTick(now, event.symbolId());
                break;
            case ACCOUNT:
                checkAccount(now, event.login());
                if (!accountMismatch)
                {
                    checkTradePermissions(now, event.tradePermissions());
                }
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
                onPositionClosed(now, event);
                break;
            case ADMIN:
                adminRefusal = null;
                onAdmin(now, event);
                break;
            case TERMINAL_STATUS:
                onTerminalStatus(now, event.connected(), event.reportsSymbolSpecs());
                break;
            case BALANCE_OPERATION:
                onBalanceOperation(event.amount(), event.ticket());
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
                publishStatus(board);
            }
            if (event.type() == InboundEventType.ADMIN && event.adminCommandId() != 0)
            {
                // Operator commands are rare: one small immutable object each is worth a race-free answer.
                board.publishAdminOutcome(projection.adminOutcome(event.adminCommandId(), adminRefusal));
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
     * The terminal reports which of the four trade permissions it has (TradePermissions). Any missing one denies
     * new entries (a program could not open them anyway, and an order sent regardless is a failure to count);
     * closes and flattens are still attempted, since only the terminal can tell whether they go through. One
     * event per change: TERMINAL_TRADING_NOT_PERMITTED naming what is missing, TERMINAL_TRADING_PERMITTED when all
     * are back. Deterministic: a replay of the same ACCOUNT events decides the same.
     */
    private void checkTradePermissions(final long now, final int reported)
    {
        final int permissions = reported & TradePermissions.ALL;
        if (permissions == tradePermissions)
        {
            return;
        }
        final boolean wasPermitted = TradePermissions.allowTrading(tradePermissions);
        tradePermissions = permissions;
        final boolean permitted = TradePermissions.allowTrading(permissions);
        guard.tradingNotPermitted(!permitted);
        if (!permitted)
        {
            emitter.begin(LifecycleEventType.TERMINAL_TRADING_NOT_PERMITTED, now).count(permissions)
                .reason(TradePermissions.missing(permissions)).detail("ENTRIES_DENIED");
            emitter.emit();
        }
        else if (!wasPermitted)
        {
            emitter.begin(LifecycleEventType.TERMINAL_TRADING_PERMITTED, now).count(permissions);
            emitter.emit();
        }
    }

    /** The gateway (or the engine's own check) refused the terminal's spec of a symbol: entries on it are denied. */
    private void symbolRefused(final long now, final int symbolId)
    {
        if (symbols.isKnown(symbolId))
        {
            emitter.begin(LifecycleEventType.SYMBOL_REFUSED, now).symbolId(symbolId).reason("BAD_SYMBOL").detail("ENTRIES_DENIED");
            emitter.emit();
        }
    }

    /**
     * A deposit or withdrawal. The terminal reports each deal once; one reported again (same deal ticket, among the
     * last 64) is ignored, since moving the peak twice would loosen or tighten every rule by its amount.
     */
    private void onBalanceOperation(final double amount, final long dealTicket)
    {
        if (dealTicket != 0)
        {
            for (final long applied : recentBalanceDeals)
            {
                if (applied == dealTicket)
                {
                    metrics.duplicateBalanceOperations++;
                    return;
                }
            }
            recentBalanceDeals[balanceDealCursor] = dealTicket;
            balanceDealCursor = (balanceDealCursor + 1) & (recentBalanceDeals.length - 1);
        }
        guard.onBalanceOperation(amount);
    }

    /**
     * A deal closed (part of) a known position; its profit is realized exactly once. No volume left: the position
     * leaves the book (POSITION_CLOSED, once: a report for a position already gone changes nothing). Some left: the
     * position is reduced to it (POSITION_REDUCED); when a snapshot already showed the smaller volume, the deal's
     * profit is still counted and the volume left as it is. The same deal reported again (same position, same
     * volume left, among the last 64) is ignored, and so is a report that cannot be read (a remaining volume that
     * is negative or not finite): the next snapshot settles the position.
     */
    private void onPositionClosed(final long now, final InboundEvent event)
    {
        final int index = positions.indexOf(event.ticket());
        final double remaining = event.remainingVolume();
        if (index < 0 || !(remaining >= 0) || Double.isInfinite(remaining))
        {
            return;
        }
        if (remaining <= Money.VOLUME_EPSILON)
        {
            positionClosed(now, index, event.profit(), event.closeReason());
            return;
        }
        if (!firstReportOfReduction(event.ticket(), remaining))
        {
            return;
        }
        final double before = positions.volume(index);
        if (remaining < before - Money.VOLUME_EPSILON)
        {
            positions.reduce(index, remaining);
        }
        emitter.begin(LifecycleEventType.POSITION_REDUCED, now)
            .ticket(positions.ticket(index))
            .symbolId(positions.symbolId(index))
            .side(positions.side(index))
            .volume(event.volume() > 0 ? event.volume() : Math.max(0, before - remaining))
            .remainingVolume(remaining)
            .profit(event.profit())
            .reason(event.closeReason() == null ? CloseReason.UNKNOWN.name() : event.closeReason().name());
        emitter.emit();
    }

    /** True the first time a partial close of {@code ticket} leaving {@code remaining} is reported; remembers it. */
    private boolean firstReportOfReduction(final long ticket, final double remaining)
    {
        for (int i = 0; i < reducedTickets.length; i++)
        {
            if (reducedTickets[i] == ticket && Math.abs(reducedRemaining[i] - remaining) <= Money.VOLUME_EPSILON)
            {
                return false;
            }
        }
        reducedTickets[reducedCursor] = ticket;
        reducedRemaining[reducedCursor] = remaining;
        reducedCursor = (reducedCursor + 1) & (reducedTickets.length - 1);
        return true;
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
    void statusBoard(final StatusBoard board)
    {
        this.statusBoard = board;
    }

    /** Refreshes {@code board} from the current state (business thread only). */
    void publishStatus(final StatusBoard board)
    {
        projection.publish(board, nowMillis, tradePermissions, accountMismatch, lastHeartbeatMillis);
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

package dev.ringfence.engine.logic;

import dev.ringfence.engine.AdminOutcome;
import dev.ringfence.engine.OpenPositions;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.HeartbeatData;

import java.util.function.LongSupplier;

/**
 * The one view of the business logic's state that leaves it: the {@link StatusBoard} other threads read, the
 * figures of each {@code HEARTBEAT}, and the outcome of an operator command. The only place the derived
 * figures (drawdown in percent, room left before each rule, share of the day's loss budget used) are
 * computed; the guard computes only what its decisions need, and the share used is the guard's own rule
 * ({@link GuardRules#dailyLossUsed}), floored at 0 for display.
 *
 * <p>Owned by the business thread, which is the board's only writer. Allocation-free, except for a copy of
 * the open positions when they changed since the last publish and the outcome of an operator command.
 */
final class StatusProjection
{
    private final EngineConfig config;
    private final RiskGuard guard;
    private final EntryGate gate;
    private final EquityFeed feed;
    private final DailyLossBudget budget;
    private final TradingLoop loop;
    private final Positions positions;
    private final OrderBook orders;
    private final EngineMetrics metrics;
    private final TerminalSymbols terminalSymbols;
    private final Reconciliation reconciliation;
    private final TerminalAccount account;
    private final LongSupplier ringBacklog;
    /** The version of the positions last copied to a board (-1: none copied yet). */
    private long publishedPositionsVersion = -1;
    private OpenPositions publishedPositions = OpenPositions.NONE;

    StatusProjection(
        final EngineConfig config,
        final RiskGuard guard,
        final EntryGate gate,
        final EquityFeed feed,
        final DailyLossBudget budget,
        final TradingLoop loop,
        final Positions positions,
        final OrderBook orders,
        final EngineMetrics metrics,
        final TerminalSymbols terminalSymbols,
        final Reconciliation reconciliation,
        final TerminalAccount account,
        final LongSupplier ringBacklog)
    {
        this.config = config;
        this.guard = guard;
        this.gate = gate;
        this.feed = feed;
        this.budget = budget;
        this.loop = loop;
        this.positions = positions;
        this.orders = orders;
        this.metrics = metrics;
        this.terminalSymbols = terminalSymbols;
        this.reconciliation = reconciliation;
        this.account = account;
        this.ringBacklog = ringBacklog;
    }

    /** Drawdown from the peak in percent; 0 before the first valid sample. */
    double drawdownPercent()
    {
        final double equity = feed.lastEquity();
        return Double.isFinite(equity) ? GuardRules.drawdownFraction(guard.peak(), equity) * 100.0 : 0;
    }

    /** Percentage points left before the drawdown cap (NaN when the rule is off or before the first sample). */
    double drawdownRemainingPercent()
    {
        return config.maxDrawdownEnabled && Double.isFinite(feed.lastEquity()) ? config.maxDrawdownPercent - drawdownPercent() : Double.NaN;
    }

    /** Equity above the floor (NaN when the rule is off or before the first sample). */
    double floorDistance()
    {
        return config.equityFloorEnabled ? feed.lastEquity() - config.equityFloor : Double.NaN;
    }

    /** Share of today's loss budget used, 0..1+ (NaN when the rule is off or the day has no baseline). */
    double dailyLossUsedRatio()
    {
        return Math.max(0, guard.rules().dailyLossUsed(feed.lastEquity(), budget.baseline()));
    }

    /** Money left in today's loss budget (NaN as above). */
    double dailyLossRemaining()
    {
        return hasDailyBudget() ? feed.lastEquity() - (budget.baseline() - config.dailyLossLimit) : Double.NaN;
    }

    private boolean hasDailyBudget()
    {
        return config.dailyLossEnabled && !Double.isNaN(budget.baseline());
    }

    /** Refreshes every field of {@code b} (business thread only). */
    void publish(final StatusBoard b, final long now, final long lastHeartbeatMillis)
    {
        b.timeMillis = now;
        b.guardState = guard.state();
        b.degraded = feed.isDegraded();
        b.reconciling = reconciliation.isReconciling();
        b.rebaseRequired = gate.isRebaseRequired();
        b.loopRunning = loop.isRunning();
        b.loopStopped = loop.isStopped();
        b.halted = loop.isHalted();
        b.entryDenial = loop.isHalted() ? "HALTED" : guard.entryDenial();
        b.accountMismatch = account.isAccountMismatch();
        b.tradePermissions = account.tradePermissions();
        b.symbolsWithoutSpec = terminalSymbols.missing();
        b.symbolsRefused = terminalSymbols.refused();
        b.terminalConnected = reconciliation.isTerminalConnected();
        b.equity = feed.lastEquity();
        b.balance = feed.lastBalance();
        b.peak = guard.peak();
        b.drawdownPercent = drawdownPercent();
        b.drawdownRemainingPercent = drawdownRemainingPercent();
        b.floorDistance = floorDistance();
        b.dailyLossUsedRatio = dailyLossUsedRatio();
        b.dailyLossRemaining = dailyLossRemaining();
        b.openPositions = positions.count();
        b.positions = positions(now);
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
        b.outputFailures = metrics.outputFailures;
        b.duplicateBalanceOperations = metrics.duplicateBalanceOperations;
        for (int r = 0; r < metrics.tripsByRule.length; r++)
        {
            b.tripsByRule.lazySet(r, metrics.tripsByRule[r]);
        }
    }

    /** The open positions, copied only when the set changed since the last copy: no allocation while it stands still. */
    private OpenPositions positions(final long now)
    {
        if (positions.version() != publishedPositionsVersion)
        {
            publishedPositionsVersion = positions.version();
            final OpenPositions copy = new OpenPositions(now, positions.count());
            for (int i = 0; i < positions.count(); i++)
            {
                copy.set(i, positions.ticket(i), positions.symbolId(i), positions.side(i), positions.volume(i),
                    positions.openPrice(i), positions.profit(i));
            }
            publishedPositions = copy;
        }
        return publishedPositions;
    }

    /** The state figures of a {@code HEARTBEAT}. */
    void fillHeartbeat(final long now, final HeartbeatData data)
    {
        final double equity = feed.lastEquity();
        data.openPositions = positions.count();
        data.pendingOrders = orders.size();
        data.equity = Double.isFinite(equity) ? equity : 0;
        data.peak = guard.peak();
        data.drawdownPercent = drawdownPercent();
        data.guardState = guard.state();
        data.degraded = feed.isDegraded();
        data.reconciling = reconciliation.isReconciling();
        data.lastValidSampleAgeMillis = feed.lastValidSampleAge(now);
        data.terminalConnected = reconciliation.isTerminalConnected();
        data.ringBacklog = ringBacklog.getAsLong();
    }

    /** The outcome of operator command {@code commandId}: rare, so one small immutable object each. */
    AdminOutcome adminOutcome(final long commandId, final String refusal)
    {
        return new AdminOutcome(commandId, refusal, guard.state(), loop.isHalted(), guard.peak(), feed.lastEquity());
    }
}

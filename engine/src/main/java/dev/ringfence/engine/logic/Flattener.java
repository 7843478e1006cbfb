package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.ReturnCodes;

/**
 * Closes every position until a fresh positions snapshot shows the account flat (RISK.md, "On a breach").
 *
 * <p>It works in rounds. A round closes every open position by ticket, largest loser first, skipping
 * symbols whose market is closed (parked until their next tick). When every close of the round has been
 * answered it asks for a fresh snapshot; flat (and no entry still in flight) completes the flatten,
 * anything else is a failed round: an {@code ERROR} (alerted) and another round after a doubling backoff.
 * It never gives up while exposure remains. Owned by the business thread.
 */
final class Flattener
{
    /** Client order ids of closes have this bit set; entry ids never do. */
    static final long CLOSE_ID_BIT = 1L << 62;
    private static final long NONE = Long.MIN_VALUE;

    private final EngineConfig config;
    private final Positions positions;
    private final OrderBook orders;
    private final OrderCommands commands;
    private final LifecycleEmitter emitter;
    private final EngineMetrics metrics;
    private final PositionEvents positionEvents;
    private final RiskGuard guard;
    private final boolean[] parkedSymbols;
    private final int[] closeOrder;

    private boolean active;
    private int round;
    private int positionsClosed;
    private boolean awaitingSnapshot;
    private long nextRoundAtMillis = NONE;
    private long backoffMillis;
    private long closeSequence;

    Flattener(
        final EngineConfig config,
        final SymbolTable symbols,
        final Positions positions,
        final OrderBook orders,
        final OrderCommands commands,
        final LifecycleEmitter emitter,
        final EngineMetrics metrics,
        final PositionEvents positionEvents,
        final RiskGuard guard,
        final int positionCapacity)
    {
        this.config = config;
        this.positions = positions;
        this.orders = orders;
        this.commands = commands;
        this.emitter = emitter;
        this.metrics = metrics;
        this.positionEvents = positionEvents;
        this.guard = guard;
        this.parkedSymbols = new boolean[Math.max(1, symbols.size())];
        this.closeOrder = new int[positionCapacity];
    }

    boolean isActive()
    {
        return active;
    }

    void start(final long nowMillis)
    {
        active = true;
        round = 0;
        positionsClosed = 0;
        backoffMillis = config.flattenRetryInitialMillis;
        nextRoundAtMillis = NONE;
        awaitingSnapshot = false;
        startRound(nowMillis);
    }

    /** A position left the book while flattening (by our close, a stop, or a snapshot). */
    void countClosed()
    {
        if (active)
        {
            positionsClosed++;
        }
    }

    void onCloseResult(final long nowMillis, final Order close, final int retcode, final double profit)
    {
        final long ticket = close.ticket;
        orders.remove(close);
        switch (ReturnCodes.classify(retcode))
        {
            case SUCCESS:
            case ALREADY_CLOSED:
                final int index = positions.indexOf(ticket);
                if (index >= 0)
                {
                    // "Already closed" carries no figures: the last known profit is the best there is.
                    final double realized = retcode == ReturnCodes.POSITION_CLOSED ? positions.profit(index) : profit;
                    positionEvents.positionClosed(nowMillis, index, realized, CloseReason.GUARD_FLATTEN);
                }
                break;
            case MARKET_CLOSED:
                final int symbolId = close.symbolId;
                if (symbolId >= 0 && symbolId < parkedSymbols.length)
                {
                    parkedSymbols[symbolId] = true;
                }
                break;
            default:
                // CLOSE_PENDING, retryable, ambiguous or refused: the next snapshot tells what is left.
                break;
        }
        if (active)
        {
            requestSnapshotIfRoundAnswered();
        }
    }

    void onSnapshotApplied(final long nowMillis)
    {
        if (!active || countCloses() > 0)
        {
            return;
        }
        if (positions.count() == 0 && orders.count(Order.Kind.ENTRY) == 0)
        {
            active = false;
            nextRoundAtMillis = NONE;
            guard.onFlattenCompleted(nowMillis, positionsClosed);
            return;
        }
        if (awaitingSnapshot)
        {
            awaitingSnapshot = false;
            emitter.error(nowMillis, "FLATTEN_ROUND_FAILED", positions.count() > 0 ? "POSITIONS_REMAIN" : "ENTRY_IN_FLIGHT");
            nextRoundAtMillis = nowMillis + backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, config.flattenRetryMaxMillis);
        }
    }

    void onTick(final long nowMillis, final int symbolId)
    {
        if (symbolId >= 0 && symbolId < parkedSymbols.length && parkedSymbols[symbolId])
        {
            parkedSymbols[symbolId] = false;
            if (active && countCloses() == 0)
            {
                nextRoundAtMillis = nowMillis;
            }
        }
    }

    void onTime(final long nowMillis)
    {
        if (!active)
        {
            return;
        }
        for (int i = orders.size() - 1; i >= 0; i--)
        {
            final Order order = orders.at(i);
            if (order.kind == Order.Kind.CLOSE && nowMillis - order.deadlineMillis >= 0)
            {
                orders.remove(order);
                requestSnapshotIfRoundAnswered();
            }
        }
        if (nextRoundAtMillis != NONE && nowMillis >= nextRoundAtMillis)
        {
            nextRoundAtMillis = NONE;
            startRound(nowMillis);
        }
    }

    private void startRound(final long nowMillis)
    {
        round++;
        awaitingSnapshot = false;
        final int n = sortByProfit();
        int sent = 0;
        for (int k = 0; k < n; k++)
        {
            final int index = closeOrder[k];
            final int symbolId = positions.symbolId(index);
            final long ticket = positions.ticket(index);
            if ((symbolId >= 0 && symbolId < parkedSymbols.length && parkedSymbols[symbolId]) || orders.findClose(ticket) != null)
            {
                continue;
            }
            final Order close = orders.open(Order.Kind.CLOSE, CLOSE_ID_BIT | ++closeSequence);
            if (close == null)
            {
                emitter.error(nowMillis, "ORDER_CAPACITY", "FLATTEN_CLOSE");
                break;
            }
            close.status = Order.Status.PENDING;
            close.ticket = ticket;
            close.symbolId = symbolId;
            close.side = positions.side(index).opposite();
            close.volume = positions.volume(index);
            close.attempts = 1;
            close.deadlineMillis = nowMillis + config.orderTimeoutMillis;
            if (commands.closePosition(close.clientOrderId, ticket, symbolId, close.volume))
            {
                sent++;
            }
            else
            {
                metrics.commandsRejectedQueueFull++;
                orders.remove(close);
            }
        }
        if (sent == 0)
        {
            requestSnapshotIfRoundAnswered();
        }
    }

    private void requestSnapshotIfRoundAnswered()
    {
        if (countCloses() == 0 && !awaitingSnapshot)
        {
            awaitingSnapshot = true;
            if (!commands.resync(0))
            {
                metrics.commandsRejectedQueueFull++;
            }
        }
    }

    private int countCloses()
    {
        return orders.count(Order.Kind.CLOSE);
    }

    /** Fills {@link #closeOrder} with position indexes, most negative profit first (insertion sort: n is small). */
    private int sortByProfit()
    {
        final int n = Math.min(positions.count(), closeOrder.length);
        for (int i = 0; i < n; i++)
        {
            int j = i;
            final double profit = positions.profit(i);
            while (j > 0 && positions.profit(closeOrder[j - 1]) > profit)
            {
                closeOrder[j] = closeOrder[j - 1];
                j--;
            }
            closeOrder[j] = i;
        }
        return n;
    }

    int round()
    {
        return round;
    }
}

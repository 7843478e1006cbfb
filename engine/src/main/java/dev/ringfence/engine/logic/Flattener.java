package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.Money;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.CloseReason;
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
    /** A close id's low bits: a sequence within one millisecond of event time. */
    static final int CLOSE_SEQUENCE_BITS = 20;
    private static final long CLOSE_SEQUENCE_MASK = (1L << CLOSE_SEQUENCE_BITS) - 1;
    /** Event time in the id, in ms: 42 bits last until the year 2109. */
    private static final long CLOSE_TIME_MASK = (1L << (62 - CLOSE_SEQUENCE_BITS)) - 1;
    /** CLOSE_POSITION's volume for "the whole position, whatever its volume is at the terminal" (PROTOCOL.md). */
    static final double WHOLE_POSITION = 0;
    private static final long NONE = Long.MIN_VALUE;

    private final EngineConfig config;
    private final Positions positions;
    private final OrderBook orders;
    private final CommandSender commands;
    private final LifecycleEmitter emitter;
    private final EngineMetrics metrics;
    private final PositionEvents positionEvents;
    private final boolean[] parkedSymbols;
    private final int[] closeOrder;

    private boolean active;
    private int positionsClosed;
    private boolean awaitingSnapshot;
    private long nextRoundAtMillis = NONE;
    private long backoffMillis;
    /** The event time (ms) the last close id was made at, and the ids made at it so far. */
    private long closeIdMillis = Long.MIN_VALUE;
    private long closeSequence;

    Flattener(
        final EngineConfig config,
        final SymbolTable symbols,
        final Positions positions,
        final OrderBook orders,
        final CommandSender commands,
        final LifecycleEmitter emitter,
        final EngineMetrics metrics,
        final PositionEvents positionEvents,
        final int positionCapacity)
    {
        this.config = config;
        this.positions = positions;
        this.orders = orders;
        this.commands = commands;
        this.emitter = emitter;
        this.metrics = metrics;
        this.positionEvents = positionEvents;
        this.parkedSymbols = new boolean[Math.max(1, symbols.size())];
        this.closeOrder = new int[positionCapacity];
    }

    void start(final long nowMillis)
    {
        active = true;
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

    /**
     * The terminal's answer to a close. A success that filled less than the position's volume leaves it open:
     * the deal's own report (POSITION_CLOSED with the volume remaining) or the next snapshot reduces it, so its
     * profit is counted once, and the round's snapshot shows the rest still open (another round follows).
     */
    void onCloseResult(final long nowMillis, final Order close, final int retcode, final double profit, final double filled)
    {
        final long ticket = close.ticket;
        orders.remove(close);
        switch (ReturnCodes.classify(retcode))
        {
            case SUCCESS:
            case ALREADY_CLOSED:
                final int index = positions.indexOf(ticket);
                if (index >= 0 && !closedLess(retcode, filled, positions.volume(index)))
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

    /** A fill reported below the position's volume (0: not reported, taken as whole). */
    private static boolean closedLess(final int retcode, final double filled, final double volume)
    {
        return retcode != ReturnCodes.POSITION_CLOSED && filled > 0 && filled < volume - Money.VOLUME_EPSILON;
    }

    /**
     * A positions snapshot was applied. Returns true when it completes the flatten (flat, no entry in flight):
     * the caller then tells the guard, which locks ({@link #positionsClosed()} says how many were closed).
     */
    boolean onSnapshotApplied(final long nowMillis)
    {
        if (!active || countCloses() > 0)
        {
            return false;
        }
        if (positions.count() == 0 && orders.count(Order.Kind.ENTRY) == 0)
        {
            active = false;
            nextRoundAtMillis = NONE;
            return true;
        }
        if (awaitingSnapshot)
        {
            awaitingSnapshot = false;
            emitter.error(nowMillis, "FLATTEN_ROUND_FAILED", positions.count() > 0 ? "POSITIONS_REMAIN" : "ENTRY_IN_FLIGHT");
            nextRoundAtMillis = nowMillis + backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, config.flattenRetryMaxMillis);
        }
        return false;
    }

    /** Positions that left the book since the flatten started. */
    int positionsClosed()
    {
        return positionsClosed;
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
            final Order close = orders.open(Order.Kind.CLOSE, nextCloseId(nowMillis));
            if (close == null)
            {
                emitter.error(nowMillis, "ORDER_CAPACITY", "FLATTEN_CLOSE");
                break;
            }
            close.status = Order.Status.PENDING;
            close.ticket = ticket;
            close.symbolId = symbolId;
            close.side = positions.side(index).opposite();
            close.attempts = 1;
            close.deadlineMillis = nowMillis + config.orderTimeoutMillis;
            // The whole position: a volume the engine believes could be stale (a partial close it has not heard of).
            if (commands.send(commands.closePosition().clientOrderId(close.clientOrderId).ticket(ticket).volume(WHOLE_POSITION)))
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

    /**
     * A close id unique across engine lifetimes, and the same on a replay of the same journal: bit 62, then the
     * event time in ms, then a sequence within that millisecond. A counter would restart at 1 with every new
     * engine (a new or set-aside journal) and reuse ids the terminal may remember; event time only moves
     * forward, and a replay rebuilds {@link #closeIdMillis} and the sequence with everything else.
     */
    private long nextCloseId(final long nowMillis)
    {
        long millis = Math.max(nowMillis, closeIdMillis);
        if (millis == closeIdMillis)
        {
            if (++closeSequence > CLOSE_SEQUENCE_MASK)
            {
                millis++; // a million closes in one millisecond: borrow the next one
                closeSequence = 0;
            }
        }
        else
        {
            closeSequence = 0;
        }
        closeIdMillis = millis;
        return CLOSE_ID_BIT | ((millis & CLOSE_TIME_MASK) << CLOSE_SEQUENCE_BITS) | closeSequence;
    }

    private void requestSnapshotIfRoundAnswered()
    {
        if (countCloses() == 0 && !awaitingSnapshot)
        {
            awaitingSnapshot = true;
            if (!commands.send(commands.resync().lookupClientOrderId(0)))
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
}

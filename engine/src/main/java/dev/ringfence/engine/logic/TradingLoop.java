package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.RejectReason;
import dev.ringfence.engine.event.ReturnCodes;
import org.agrona.collections.ObjectHashSet;

import java.util.ArrayDeque;

/**
 * Signals to orders (RISK.md section 1): validation and pre-trade checks, idempotency by signal id,
 * deterministic client order ids, retries by return-code class with backoff on event time, ambiguous
 * outcomes resolved by lookup (never a blind resend), the circuit breaker, the rate limit, and the
 * loop's start and graceful stop. An entry the terminal cannot decide on yet waits without failing: a lookup
 * answered LOOKUP_PENDING is asked again after a backoff, and one refused for a closed market (10018) is
 * parked until its symbol trades again, within the signal's window.
 *
 * <p>A decision about a signal id is final: an id approved or refused once (for any reason but being a
 * duplicate itself) is refused as DUPLICATE ever after, so a sender who wants another try sends a new id.
 * The decided ids are rebuilt by replaying the journal, so this holds across restarts too: a signal refused
 * while the guard was locked can never execute later because it was resent after a re-arm.
 *
 * <p>One class, longer than most, because every step of an entry (checks, send, retry, lookup, park, settle)
 * shares the same order book, decided ids and circuit breaker; splitting it would pass that state around.
 *
 * <p>Owned by the business thread. Signal handling may allocate (the id set grows with decided ids);
 * account reports never reach this class, and a tick costs a scan of the orders in flight for entries parked
 * for its market ({@link #onTick}, allocation-free).
 */
final class TradingLoop
{
    private static final long NONE = Long.MIN_VALUE;
    /** After a LOOKUP_PENDING answer the lookup is asked again after 1 s, doubling up to 30 s. */
    static final long LOOKUP_PENDING_INITIAL_BACKOFF_MILLIS = 1_000;
    static final long LOOKUP_PENDING_MAX_BACKOFF_MILLIS = 30_000;

    private final EngineConfig config;
    private final SymbolTable symbols;
    private final Positions positions;
    private final OrderBook orders;
    private final CommandSender commands;
    private final LifecycleEmitter emitter;
    private final EngineMetrics metrics;
    private final RiskGuard guard;
    private final TerminalSymbols terminalSymbols;
    private TokenBucket rateLimit;
    /**
     * Signal ids decided: every approved one, and the refused ones until their window closes (see
     * {@link #forgetRefusedIdsPast}). Rebuilt by replay on restart.
     */
    private final ObjectHashSet<String> decidedSignalIds = new ObjectHashSet<>();
    /** Refused ids in the order they were refused, with the end of their window: forgotten after it. */
    private final ArrayDeque<RefusedId> refusedIds = new ArrayDeque<>();

    private boolean running;
    private boolean stopping;
    private boolean stopped;
    private boolean halted;
    private long stopDeadlineMillis = NONE;
    private int consecutiveFailures;
    private long circuitOpenUntilMillis = NONE;

    TradingLoop(
        final EngineConfig config,
        final SymbolTable symbols,
        final Positions positions,
        final OrderBook orders,
        final CommandSender commands,
        final LifecycleEmitter emitter,
        final EngineMetrics metrics,
        final RiskGuard guard,
        final TerminalSymbols terminalSymbols)
    {
        this.config = config;
        this.symbols = symbols;
        this.positions = positions;
        this.orders = orders;
        this.commands = commands;
        this.emitter = emitter;
        this.metrics = metrics;
        this.guard = guard;
        this.terminalSymbols = terminalSymbols;
        this.rateLimit = new TokenBucket(config.ordersPerSecond, config.orderBurst);
    }

    // ---------------------------------------------------------------- lifecycle

    /** The rate limit follows the configuration after it changed in place. */
    void reconfigure()
    {
        rateLimit = new TokenBucket(config.ordersPerSecond, config.orderBurst);
    }

    /**
     * Starts the loop; also a restart after a graceful stop or a crash (the state before it comes from the
     * journal), which is a new run and announced as one.
     */
    void start(final long nowMillis, final String actor)
    {
        running = true;
        stopping = false;
        stopped = false;
        stopDeadlineMillis = NONE;
        emitter.loopStarted(nowMillis, actor);
    }

    void stop(final long nowMillis)
    {
        if (!running || stopping)
        {
            return;
        }
        stopping = true;
        stopDeadlineMillis = nowMillis + config.stopDrainMillis;
        checkStopped(nowMillis);
    }

    boolean isRunning()
    {
        return running;
    }

    boolean isStopped()
    {
        return stopped;
    }

    void halt()
    {
        halted = true;
    }

    void resume()
    {
        halted = false;
    }

    boolean isHalted()
    {
        return halted;
    }

    // ---------------------------------------------------------------- signals

    void onSignal(final long nowMillis, final InboundEvent signal)
    {
        final String signalId = signal.signalId();
        metrics.signalsReceived++;
        emitter.signalReceived(nowMillis, signalId, signal.symbolId());

        final RejectReason reason = check(nowMillis, signal);
        if (reason != RejectReason.DUPLICATE && signalId != null && !signalId.isEmpty())
        {
            decidedSignalIds.add(signalId);
            if (reason != null)
            {
                refusedIds.addLast(new RefusedId(signalId, sourceTimeOf(signal) + maxAgeOf(signal)));
            }
        }
        if (reason != null)
        {
            reject(nowMillis, signalId, reason, detailOf(reason, signal.symbolId()));
            return;
        }

        final long clientOrderId = ClientOrderIds.forSignal(signalId);
        if (orders.find(clientOrderId) != null)
        {
            reject(nowMillis, signalId, RejectReason.DUPLICATE, "CLIENT_ORDER_ID_IN_USE");
            return;
        }
        final Order order = orders.open(Order.Kind.ENTRY, clientOrderId);
        if (order == null)
        {
            reject(nowMillis, signalId, RejectReason.ORDER_CAPACITY, null);
            return;
        }
        order.signalId = signalId;
        order.symbolId = signal.symbolId();
        order.side = signal.side();
        order.volume = signal.volume();
        order.stopLoss = signal.stopLoss();
        order.takeProfit = signal.takeProfit();
        order.windowEndsMillis = sourceTimeOf(signal) + maxAgeOf(signal);

        metrics.signalsApproved++;
        emitter.signalApproved(nowMillis, signalId, clientOrderId, order.symbolId, order.side, order.volume);
        send(nowMillis, order);
    }

    private RejectReason check(final long nowMillis, final InboundEvent signal)
    {
        if (!running || stopping)
        {
            return RejectReason.LOOP_STOPPED;
        }
        final String signalId = signal.signalId();
        if (signalId == null || signalId.isEmpty() || decidedSignalIds.contains(signalId))
        {
            return RejectReason.DUPLICATE;
        }
        if (nowMillis - sourceTimeOf(signal) > maxAgeOf(signal))
        {
            return RejectReason.EXPIRED;
        }
        if (!symbols.isKnown(signal.symbolId()))
        {
            return RejectReason.UNKNOWN_SYMBOL;
        }
        // The terminal's volume rules once its spec arrived in this session; the configured ones until then.
        if (signal.side() == null || !terminalSymbols.isValidVolume(signal.symbolId(), signal.volume()))
        {
            return RejectReason.INVALID_VOLUME;
        }
        if (!isValidStop(signal.stopLoss()) || !isValidStop(signal.takeProfit()))
        {
            return RejectReason.INVALID_STOPS;
        }
        if (halted)
        {
            return RejectReason.HALTED;
        }
        if (!guard.allowsEntries())
        {
            return RejectReason.GUARD_STATE;
        }
        if (!terminalSymbols.allowsEntries(signal.symbolId()))
        {
            return RejectReason.NO_SYMBOL_SPEC;
        }
        if (circuitOpenUntilMillis != NONE)
        {
            return RejectReason.CIRCUIT_OPEN;
        }
        if (positions.count() + orders.count(Order.Kind.ENTRY) >= config.maxOpenPositions)
        {
            return RejectReason.MAX_POSITIONS;
        }
        if (!rateLimit.tryTake(nowMillis))
        {
            return RejectReason.RATE_LIMIT;
        }
        return null;
    }

    private static long sourceTimeOf(final InboundEvent signal)
    {
        return signal.sourceTimeMillis() != 0 ? signal.sourceTimeMillis() : signal.timeMillis();
    }

    private long maxAgeOf(final InboundEvent signal)
    {
        return signal.ttlMillis() > 0 ? signal.ttlMillis() : config.signalMaxAgeMillis;
    }

    /**
     * A refused id is kept until its signal could no longer be accepted anyway: a copy of it (same source
     * time, which the signature binds) would be EXPIRED from then on. Approved ids are kept for good. This
     * bounds what refusals cost in memory without reopening any door; the window ends on event time, so a
     * replay forgets exactly what the live run forgot. Refusals are kept in arrival order and forgotten
     * from the oldest: one with a long ttl keeps the ones behind it a little longer, never shorter.
     */
    private void forgetRefusedIdsPast(final long nowMillis)
    {
        RefusedId oldest;
        while ((oldest = refusedIds.peekFirst()) != null && nowMillis - oldest.windowEndsMillis > 0)
        {
            refusedIds.removeFirst();
            decidedSignalIds.remove(oldest.signalId);
        }
    }

    /** A refused signal id and the event time after which a copy of that signal would be refused as EXPIRED. */
    private static final class RefusedId
    {
        final String signalId;
        final long windowEndsMillis;

        RefusedId(final String signalId, final long windowEndsMillis)
        {
            this.signalId = signalId;
            this.windowEndsMillis = windowEndsMillis;
        }
    }

    int decidedSignalIdCount()
    {
        return decidedSignalIds.size();
    }

    private static boolean isValidStop(final double price)
    {
        return price >= 0 && Double.isFinite(price);
    }

    private String detailOf(final RejectReason reason, final int symbolId)
    {
        switch (reason)
        {
            case GUARD_STATE:
                return guardDenial();
            case NO_SYMBOL_SPEC:
                return terminalSymbols.denial(symbolId);
            default:
                return null;
        }
    }

    private String guardDenial()
    {
        final String denial = guard.entryDenial();
        return denial != null ? denial : "DENIED";
    }

    private void reject(final long nowMillis, final String signalId, final RejectReason reason, final String detail)
    {
        metrics.signalsRejected++;
        emitter.signalRejected(nowMillis, signalId, reason, detail);
    }

    // ---------------------------------------------------------------- orders

    private void send(final long nowMillis, final Order order)
    {
        order.attempts++;
        order.status = Order.Status.PENDING;
        order.deadlineMillis = nowMillis + config.orderTimeoutMillis;
        order.lookupBackoffMillis = 0;
        final boolean accepted = commands.send(commands.orderNew()
            .clientOrderId(order.clientOrderId)
            .symbol(order.symbolId)
            .side(order.side)
            .volume(order.volume)
            .stopLoss(order.stopLoss)
            .takeProfit(order.takeProfit)
            .expiresAt(nowMillis + config.orderExpiryMillis));
        if (!accepted)
        {
            // Nothing left the engine: waiting and sending again is safe.
            metrics.commandsRejectedQueueFull++;
            emitter.error(nowMillis, "COMMAND_QUEUE_FULL", "PLACE_ORDER");
            order.status = Order.Status.RETRY_WAIT;
            order.deadlineMillis = nowMillis + config.retryInitialBackoffMillis;
        }
    }

    void onEntryResult(final long nowMillis, final Order order, final InboundEvent result)
    {
        final int retcode = result.retcode();
        switch (ReturnCodes.classify(retcode))
        {
            case SUCCESS:
                executed(nowMillis, order, result.ticket(), result.price(), result.volume());
                break;
            case RETRY:
                retryOrFail(nowMillis, order, retcode);
                break;
            case AMBIGUOUS:
                markUnknown(nowMillis, order, retcode);
                break;
            case NOT_FOUND:
                if (order.status == Order.Status.UNKNOWN)
                {
                    // The lookup proved the order never executed: resending the same id is safe.
                    retryOrFail(nowMillis, order, order.lastRetcode);
                }
                break;
            case LOOKUP_PENDING:
                lookupPending(nowMillis, order);
                break;
            case MARKET_CLOSED:
                parkUntilMarketTrades(nowMillis, order, retcode);
                break;
            default:
                fail(nowMillis, order, retcode, ReturnCodes.describe(retcode));
                break;
        }
    }

    private void executed(
        final long nowMillis, final Order order, final long ticket, final double price, final double volume)
    {
        final double filled = volume > 0 ? volume : order.volume;
        if (!positions.put(ticket, order.symbolId, order.side, filled, price, 0, order.clientOrderId))
        {
            emitter.error(nowMillis, "POSITION_CAPACITY", "TRADE_EXECUTED");
        }
        metrics.tradesExecuted++;
        consecutiveFailures = 0;
        emitter.tradeExecuted(nowMillis, order.signalId, order.clientOrderId, ticket, order.symbolId, order.side, filled, price,
            order.status == Order.Status.UNKNOWN ? "RESOLVED_BY_LOOKUP" : null);
        orders.remove(order);
    }

    private void retryOrFail(final long nowMillis, final Order order, final int retcode)
    {
        order.lastRetcode = retcode;
        if (order.attempts >= config.retryMaxAttempts)
        {
            fail(nowMillis, order, retcode, ReturnCodes.describe(retcode));
            return;
        }
        long backoff = config.retryInitialBackoffMillis << Math.min(order.attempts - 1, 20);
        if (retcode == ReturnCodes.TOO_MANY_REQUESTS)
        {
            backoff *= 4;
        }
        order.status = Order.Status.RETRY_WAIT;
        order.deadlineMillis = nowMillis + backoff;
    }

    private void markUnknown(final long nowMillis, final Order order, final int retcode)
    {
        order.status = Order.Status.UNKNOWN;
        order.lastRetcode = retcode;
        order.deadlineMillis = nowMillis + config.orderTimeoutMillis;
        lookUp(order);
    }

    /**
     * The terminal knows it sent this id but cannot see what became of it yet (its history is not synchronised):
     * the outcome stays unknown. Never resent, never taken as NOT_FOUND; the lookup is asked again after a
     * backoff (1 s doubling to 30 s, on event time), and the signal's entry stays blocked meanwhile.
     */
    private void lookupPending(final long nowMillis, final Order order)
    {
        order.status = Order.Status.UNKNOWN;
        if (order.lastRetcode == 0)
        {
            order.lastRetcode = ReturnCodes.LOOKUP_PENDING;
        }
        order.lookupBackoffMillis = order.lookupBackoffMillis == 0 ? LOOKUP_PENDING_INITIAL_BACKOFF_MILLIS :
            Math.min(order.lookupBackoffMillis * 2, LOOKUP_PENDING_MAX_BACKOFF_MILLIS);
        order.deadlineMillis = nowMillis + order.lookupBackoffMillis;
        waiting(nowMillis, order, ReturnCodes.LOOKUP_PENDING, "LOOKUP_PENDING", order.lookupBackoffMillis);
    }

    /**
     * 10018: the market of the symbol is closed. The command was valid and may still be: it is not a final
     * refusal. The entry waits for the symbol to trade again (a tick), then is sent again, as long as the
     * signal's own window has not ended; after that it fails (reason EXPIRED, retcode 10018). While it waits
     * nothing of it is at the terminal, so the loop stopping or the guard denying entries fails it at once.
     */
    private void parkUntilMarketTrades(final long nowMillis, final Order order, final int retcode)
    {
        order.lastRetcode = retcode;
        if (nowMillis - order.windowEndsMillis >= 0)
        {
            fail(nowMillis, order, retcode, "EXPIRED");
            return;
        }
        order.status = Order.Status.MARKET_CLOSED;
        order.deadlineMillis = order.windowEndsMillis;
        waiting(nowMillis, order, retcode, "MARKET_CLOSED", order.windowEndsMillis - nowMillis);
    }

    /**
     * A tick: entries parked for this symbol's market are sent again after the retry backoff. On the hot path:
     * a scan of the few orders in flight (none, most of the time), allocation-free.
     */
    void onTick(final long nowMillis, final int symbolId)
    {
        for (int i = 0; i < orders.size(); i++)
        {
            final Order order = orders.at(i);
            if (order.kind == Order.Kind.ENTRY && order.status == Order.Status.MARKET_CLOSED && order.symbolId == symbolId)
            {
                order.status = Order.Status.RETRY_WAIT;
                // Spaced like retries, so a burst of quotes in a session that is still closed is not a burst of orders.
                order.deadlineMillis = nowMillis + (config.retryInitialBackoffMillis << Math.min(order.attempts - 1, 10));
            }
        }
    }

    private void waiting(final long nowMillis, final Order order, final int retcode, final String reason, final long waitMillis)
    {
        emitter.orderWaiting(nowMillis, order.signalId, order.clientOrderId, order.symbolId, retcode, reason, waitMillis);
    }

    private void lookUp(final Order order)
    {
        if (!commands.send(commands.resync().lookupClientOrderId(order.clientOrderId)))
        {
            metrics.commandsRejectedQueueFull++;
        }
    }

    private void fail(final long nowMillis, final Order order, final int retcode, final String reason)
    {
        metrics.tradesFailed++;
        consecutiveFailures++;
        emitter.tradeFailed(nowMillis, order.signalId, order.clientOrderId, order.symbolId, retcode, reason);
        orders.remove(order);
        if (consecutiveFailures >= config.circuitBreakerFailures && circuitOpenUntilMillis == NONE)
        {
            circuitOpenUntilMillis = nowMillis + config.circuitBreakerCooloffMillis;
            emitter.circuitOpened(nowMillis, consecutiveFailures);
        }
    }

    // ---------------------------------------------------------------- terminal connection

    /** Orders sent before a disconnect may or may not have executed. */
    void onDisconnected(final long nowMillis)
    {
        for (int i = 0; i < orders.size(); i++)
        {
            final Order order = orders.at(i);
            if (order.kind == Order.Kind.ENTRY && order.status == Order.Status.PENDING)
            {
                order.status = Order.Status.UNKNOWN;
                order.lastRetcode = ReturnCodes.CONNECTION;
                order.deadlineMillis = nowMillis + config.orderTimeoutMillis;
            }
        }
    }

    /** After reconciliation every ambiguous order is looked up at once. */
    void onReconciled(final long nowMillis)
    {
        for (int i = 0; i < orders.size(); i++)
        {
            final Order order = orders.at(i);
            if (order.kind == Order.Kind.ENTRY && order.status == Order.Status.UNKNOWN)
            {
                order.deadlineMillis = nowMillis + config.orderTimeoutMillis;
                lookUp(order);
            }
        }
    }

    /** A position carrying an unknown order's magic proves that order executed. */
    void resolveFromSnapshot(final long nowMillis)
    {
        for (int i = orders.size() - 1; i >= 0; i--)
        {
            final Order order = orders.at(i);
            if (order.kind == Order.Kind.ENTRY && order.status == Order.Status.UNKNOWN)
            {
                final int index = positions.indexOfMagic(order.clientOrderId);
                if (index >= 0)
                {
                    executed(nowMillis, order, positions.ticket(index), positions.openPrice(index), positions.volume(index));
                }
            }
        }
    }

    // ---------------------------------------------------------------- time

    void onTime(final long nowMillis)
    {
        forgetRefusedIdsPast(nowMillis);
        if (circuitOpenUntilMillis != NONE && nowMillis >= circuitOpenUntilMillis)
        {
            circuitOpenUntilMillis = NONE;
            consecutiveFailures = 0;
            emitter.circuitClosed(nowMillis);
        }
        for (int i = orders.size() - 1; i >= 0; i--)
        {
            final Order order = orders.at(i);
            if (order.kind == Order.Kind.ENTRY && order.status == Order.Status.MARKET_CLOSED && (stopping || !guard.allowsEntries()))
            {
                // Nothing of it is at the terminal: it is dropped at once, so a stop or a flatten never waits for it.
                fail(nowMillis, order, order.lastRetcode, stopping ? "LOOP_STOPPING" : "GUARD_STATE");
                continue;
            }
            if (order.kind != Order.Kind.ENTRY || nowMillis - order.deadlineMillis < 0)
            {
                continue;
            }
            switch (order.status)
            {
                case PENDING:
                    markUnknown(nowMillis, order, ReturnCodes.TIMEOUT);
                    break;
                case RETRY_WAIT:
                    if (stopping)
                    {
                        fail(nowMillis, order, order.lastRetcode, "LOOP_STOPPING");
                    }
                    else if (order.lastRetcode == ReturnCodes.MARKET_CLOSED && nowMillis - order.windowEndsMillis >= 0)
                    {
                        fail(nowMillis, order, order.lastRetcode, "EXPIRED");
                    }
                    else if (!guard.allowsEntries())
                    {
                        fail(nowMillis, order, order.lastRetcode, "GUARD_STATE");
                    }
                    else
                    {
                        send(nowMillis, order);
                    }
                    break;
                case UNKNOWN:
                    order.deadlineMillis = nowMillis + config.orderTimeoutMillis;
                    lookUp(order);
                    break;
                case MARKET_CLOSED:
                    // The signal's window ended before its market traded again.
                    fail(nowMillis, order, order.lastRetcode, "EXPIRED");
                    break;
                default:
                    break;
            }
        }
        if (stopping && !stopped)
        {
            checkStopped(nowMillis);
        }
    }

    private void checkStopped(final long nowMillis)
    {
        final int inFlight = orders.count(Order.Kind.ENTRY);
        if (inFlight == 0 || nowMillis >= stopDeadlineMillis)
        {
            stopped = true;
            running = false;
            emitter.loopStopped(nowMillis, positions.count(), inFlight);
        }
    }

}

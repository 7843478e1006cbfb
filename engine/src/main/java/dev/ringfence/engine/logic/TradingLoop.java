package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.RejectReason;
import dev.ringfence.engine.event.ReturnCodes;
import org.agrona.collections.ObjectHashSet;

import java.util.ArrayDeque;

/**
 * Signals to orders (RISK.md section 1): validation and pre-trade checks, idempotency by signal id,
 * deterministic client order ids, retries by return-code class with backoff on event time, ambiguous
 * outcomes resolved by lookup (never a blind resend), the circuit breaker, the rate limit, and the
 * loop's start and graceful stop.
 *
 * <p>A decision about a signal id is final: an id approved or refused once (for any reason but being a
 * duplicate itself) is refused as DUPLICATE ever after, so a sender who wants another try sends a new id.
 * The decided ids are rebuilt by replaying the journal, so this holds across restarts too: a signal refused
 * while the guard was locked can never execute later because it was resent after a re-arm.
 *
 * <p>Owned by the business thread. Signal handling may allocate (the id set grows with decided ids);
 * ticks and account reports, the hot path, never reach this class.
 */
final class TradingLoop
{
    private static final long NONE = Long.MIN_VALUE;

    private final EngineConfig config;
    private final SymbolTable symbols;
    private final Positions positions;
    private final OrderBook orders;
    private final OrderCommands commands;
    private final LifecycleEmitter emitter;
    private final EngineMetrics metrics;
    private final RiskGuard guard;
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
        final OrderCommands commands,
        final LifecycleEmitter emitter,
        final EngineMetrics metrics,
        final RiskGuard guard)
    {
        this.config = config;
        this.symbols = symbols;
        this.positions = positions;
        this.orders = orders;
        this.commands = commands;
        this.emitter = emitter;
        this.metrics = metrics;
        this.guard = guard;
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
        emitter.begin(LifecycleEventType.LOOP_STARTED, nowMillis).actor(actor);
        emitter.emit();
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
        emitter.begin(LifecycleEventType.SIGNAL_RECEIVED, nowMillis).signalId(signalId).symbolId(signal.symbolId());
        emitter.emit();

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
            reject(nowMillis, signalId, reason, reason == RejectReason.GUARD_STATE ? guardDenial() : null);
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

        metrics.signalsApproved++;
        emitter.begin(LifecycleEventType.SIGNAL_APPROVED, nowMillis)
            .signalId(signalId).clientOrderId(clientOrderId).symbolId(order.symbolId)
            .side(order.side).volume(order.volume);
        emitter.emit();
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
        if (signal.side() == null || !symbols.spec(signal.symbolId()).isValidVolume(signal.volume()))
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

    private String guardDenial()
    {
        final String denial = guard.entryDenial();
        return denial != null ? denial : "DENIED";
    }

    private void reject(final long nowMillis, final String signalId, final RejectReason reason, final String detail)
    {
        metrics.signalsRejected++;
        emitter.begin(LifecycleEventType.SIGNAL_REJECTED, nowMillis).signalId(signalId).reason(reason.name()).detail(detail);
        emitter.emit();
    }

    // ---------------------------------------------------------------- orders

    private void send(final long nowMillis, final Order order)
    {
        order.attempts++;
        order.status = Order.Status.PENDING;
        order.deadlineMillis = nowMillis + config.orderTimeoutMillis;
        final boolean accepted = commands.placeOrder(
            order.clientOrderId,
            order.symbolId,
            order.side,
            order.volume,
            order.stopLoss,
            order.takeProfit,
            nowMillis + config.orderExpiryMillis);
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
        final LifecycleEvent event = emitter.begin(LifecycleEventType.TRADE_EXECUTED, nowMillis)
            .signalId(order.signalId)
            .clientOrderId(order.clientOrderId)
            .ticket(ticket)
            .symbolId(order.symbolId)
            .side(order.side)
            .volume(filled)
            .price(price);
        if (order.status == Order.Status.UNKNOWN)
        {
            event.detail("RESOLVED_BY_LOOKUP");
        }
        emitter.emit();
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

    private void lookUp(final Order order)
    {
        if (!commands.resync(order.clientOrderId))
        {
            metrics.commandsRejectedQueueFull++;
        }
    }

    private void fail(final long nowMillis, final Order order, final int retcode, final String reason)
    {
        metrics.tradesFailed++;
        consecutiveFailures++;
        emitter.begin(LifecycleEventType.TRADE_FAILED, nowMillis)
            .signalId(order.signalId)
            .clientOrderId(order.clientOrderId)
            .symbolId(order.symbolId)
            .retcode(retcode)
            .reason(reason);
        emitter.emit();
        orders.remove(order);
        if (consecutiveFailures >= config.circuitBreakerFailures && circuitOpenUntilMillis == NONE)
        {
            circuitOpenUntilMillis = nowMillis + config.circuitBreakerCooloffMillis;
            emitter.begin(LifecycleEventType.CIRCUIT_OPENED, nowMillis).count(consecutiveFailures);
            emitter.emit();
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
            emitter.begin(LifecycleEventType.CIRCUIT_CLOSED, nowMillis);
            emitter.emit();
        }
        for (int i = orders.size() - 1; i >= 0; i--)
        {
            final Order order = orders.at(i);
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
            emitter.begin(LifecycleEventType.LOOP_STOPPED, nowMillis).count(positions.count()).pendingOrders(inFlight);
            emitter.emit();
        }
    }

}

package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.RejectReason;
import dev.ringfence.engine.event.ReturnCodes;

/**
 * Signals to orders (RISK.md section 1): an approved signal becomes an entry under a deterministic client order
 * id, and the loop sees it through its life: sent, retried by return-code class with backoff on event time,
 * ambiguous outcomes resolved by lookup (never a blind resend), settled as executed or failed; and the loop's
 * start and graceful stop. An entry the terminal cannot decide on yet waits without failing: a lookup answered
 * LOOKUP_PENDING is asked again after a backoff, and one refused for a closed market (10018) is parked until its
 * symbol trades again, within the signal's window. Whether a signal is approved is the {@link PreTradeChecks}'
 * (the rate limit among them), its id's finality the {@link DecidedSignals}', the failure streak the
 * {@link CircuitBreaker}'s; this class builds them and feeds them the decisions and outcomes.
 *
 * <p>Longer than most, because an entry's life is one state machine over its status (pending, waiting for a
 * retry, unknown, parked for its market) whose transitions, driven by results, ticks, time and the terminal's
 * connection, all go through the same send and fail; split, each part would need the others.
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
    private final Positions positions;
    private final OrderBook orders;
    private final CommandSender commands;
    private final LifecycleEmitter emitter;
    private final EngineMetrics metrics;
    private final RiskGuard guard;
    private final DecidedSignals decidedSignals = new DecidedSignals();
    private final CircuitBreaker circuitBreaker;
    private final PreTradeChecks checks;

    private boolean running;
    private boolean stopping;
    private boolean stopped;
    private boolean halted;
    private long stopDeadlineMillis = NONE;

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
        this.positions = positions;
        this.orders = orders;
        this.commands = commands;
        this.emitter = emitter;
        this.metrics = metrics;
        this.guard = guard;
        this.circuitBreaker = new CircuitBreaker(config, emitter);
        this.checks = new PreTradeChecks(
            config, symbols, terminalSymbols, guard, positions, orders, decidedSignals, circuitBreaker);
    }

    // ---------------------------------------------------------------- lifecycle

    /** The rate limit follows the configuration after it changed in place. */
    void reconfigure()
    {
        checks.reconfigure();
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

        final RejectReason reason = checks.check(nowMillis, signal, running && !stopping, halted);
        final long windowEndsMillis = checks.windowEndOf(signal);
        decidedSignals.record(signalId, reason, windowEndsMillis);
        if (reason != null)
        {
            reject(nowMillis, signalId, reason, checks.detailOf(reason, signal.symbolId()));
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
        order.windowEndsMillis = windowEndsMillis;

        metrics.signalsApproved++;
        emitter.signalApproved(nowMillis, signalId, clientOrderId, order.symbolId, order.side, order.volume);
        send(nowMillis, order);
    }

    /** Signal ids decided now: every approved one, the refused ones until their window closes. */
    int decidedSignalIdCount()
    {
        return decidedSignals.count();
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
        circuitBreaker.onExecuted();
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
        final long backoff = retryBackoffMillis(order);
        order.status = Order.Status.RETRY_WAIT;
        order.deadlineMillis = nowMillis + (retcode == ReturnCodes.TOO_MANY_REQUESTS ? backoff * 4 : backoff);
    }

    /** The wait before sending {@code order} again: the initial backoff, doubled for each attempt after its first. */
    private long retryBackoffMillis(final Order order)
    {
        return config.retryInitialBackoffMillis << Math.min(Math.max(order.attempts - 1, 0), 20);
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
                // Spaced like retries, so a burst of quotes in a session that is still closed is not a burst of orders,
                // and never past the signal's window, where it fails as EXPIRED.
                order.deadlineMillis = Math.min(nowMillis + retryBackoffMillis(order), order.windowEndsMillis);
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
        emitter.tradeFailed(nowMillis, order.signalId, order.clientOrderId, order.symbolId, retcode, reason);
        orders.remove(order);
        circuitBreaker.onFailed(nowMillis);
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
        decidedSignals.forgetRefusedPast(nowMillis);
        circuitBreaker.onTime(nowMillis);
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

package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.RejectReason;

/**
 * The pre-trade checks of a signal (RISK.md section 1, checks 1 to 12): run in order, the first failure is the
 * reason it is refused, with the detail of that refusal. The last check is the rate limit, a token bucket on
 * event time: a token is taken only when every other check passed. The signal's window (its source time plus
 * its ttl, or the configured maximum age) is defined here too: the EXPIRED check, how long a refused id stays
 * decided and how long an entry may wait for its market all end with it.
 *
 * <p>Owned by the business thread; allocation-free.
 */
final class PreTradeChecks
{
    private final EngineConfig config;
    private final SymbolTable symbols;
    private final TerminalSymbols terminalSymbols;
    private final RiskGuard guard;
    private final Positions positions;
    private final OrderBook orders;
    private final DecidedSignals decidedSignals;
    private final CircuitBreaker circuitBreaker;
    /** Derived from the configuration; replaced by reconfigure(). */
    private TokenBucket rateLimit;

    PreTradeChecks(
        final EngineConfig config,
        final SymbolTable symbols,
        final TerminalSymbols terminalSymbols,
        final RiskGuard guard,
        final Positions positions,
        final OrderBook orders,
        final DecidedSignals decidedSignals,
        final CircuitBreaker circuitBreaker)
    {
        this.config = config;
        this.symbols = symbols;
        this.terminalSymbols = terminalSymbols;
        this.guard = guard;
        this.positions = positions;
        this.orders = orders;
        this.decidedSignals = decidedSignals;
        this.circuitBreaker = circuitBreaker;
        reconfigure();
    }

    /** The rate limit follows the configuration after it changed in place (and starts full again). */
    void reconfigure()
    {
        rateLimit = new TokenBucket(config.ordersPerSecond, config.orderBurst);
    }

    /**
     * Why {@code signal} is refused at event time {@code nowMillis}, or null when it may be approved (a rate-limit
     * token is then taken). {@code accepting}: the loop runs and is not stopping; {@code halted}: an operator's
     * HALT holds.
     */
    RejectReason check(final long nowMillis, final InboundEvent signal, final boolean accepting, final boolean halted)
    {
        if (!accepting)
        {
            return RejectReason.LOOP_STOPPED;
        }
        if (decidedSignals.isDuplicate(signal.signalId()))
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
        if (circuitBreaker.isOpen())
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

    /** The detail of a refusal for {@code reason}: the guard's denial, or why the symbol has no spec; else null. */
    String detailOf(final RejectReason reason, final int symbolId)
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

    /** The event time the signal's window ends: after it, the signal (or a copy of it) is EXPIRED. */
    long windowEndOf(final InboundEvent signal)
    {
        return sourceTimeOf(signal) + maxAgeOf(signal);
    }

    private static long sourceTimeOf(final InboundEvent signal)
    {
        return signal.sourceTimeMillis() != 0 ? signal.sourceTimeMillis() : signal.timeMillis();
    }

    private long maxAgeOf(final InboundEvent signal)
    {
        return signal.ttlMillis() > 0 ? signal.ttlMillis() : config.signalMaxAgeMillis;
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
}

package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;

/**
 * The pre-trade checks with small real collaborators around them: a reconciled session whose terminal described
 * EURUSD, the guard armed, nothing decided, no failure, no position. A signal made by {@link #signal} passes
 * every check until a test breaks one. Time is the event time the test passes in.
 */
final class PreTradeFixture
{
    static final long T0 = 1_767_571_200_000L;

    final EngineConfig config = new EngineConfig();
    final SymbolTable symbols = new SymbolTable(config.symbols);
    final LifecycleLog log = new LifecycleLog();
    final Positions positions = new Positions(16);
    final OrderBook orders = new OrderBook(16);
    final TerminalSymbols terminalSymbols = new TerminalSymbols(symbols);
    final Reconciliation reconciliation = new Reconciliation(log.emitter);
    final EquityFeed feed = new EquityFeed(config, log.emitter, log.metrics, positions, orders);
    final EntryGate gate = new EntryGate(feed, reconciliation);
    final RiskGuard guard = new RiskGuard(config, log.emitter, log.metrics, positions, orders,
        new Flattener(config, symbols, positions, orders, new CommandSender(symbols, OrderCommands.DISCARD, log.metrics), log.emitter,
            log.metrics, (now, index, profit, reason) ->
            {
            }, 16), feed, new DailyLossBudget(config), gate);
    final DecidedSignals decidedSignals = new DecidedSignals();
    final CircuitBreaker circuitBreaker = new CircuitBreaker(config, log.emitter);
    final PreTradeChecks checks =
        new PreTradeChecks(config, symbols, terminalSymbols, guard, positions, orders, decidedSignals, circuitBreaker);
    final int eurusd = symbols.idOf("EURUSD");

    PreTradeFixture()
    {
        reconciliation.onTerminalStatus(T0, true);
        reconciliation.onAccount();
        reconciliation.onSnapshot();
        reconciliation.reconcileIfReady(T0);
        specArrived(eurusd);
    }

    void specArrived(final int symbolId)
    {
        final SymbolSpec spec = symbols.spec(symbolId);
        terminalSymbols.onSpec(symbolId, spec.contractSize(), spec.volumeMin(), spec.volumeStep(), spec.volumeMax(), spec.digits());
    }

    /** A buy of 0.1 EURUSD without stops, signed at {@code nowMillis}, without a ttl of its own. */
    InboundEvent signal(final long nowMillis, final String signalId)
    {
        return signal(nowMillis, signalId, eurusd, Side.BUY, 0.1, 0, 0, 0, nowMillis);
    }

    /** A signal as the signal port takes it. */
    static InboundEvent signal(
        final long timeMillis,
        final String signalId,
        final int symbolId,
        final Side side,
        final double volume,
        final double stopLoss,
        final double takeProfit,
        final long ttlMillis,
        final long sourceTimeMillis)
    {
        return InboundEntry.of(in ->
            in.signals().signal(timeMillis, signalId, symbolId, side, volume, stopLoss, takeProfit, ttlMillis, sourceTimeMillis));
    }

    void openCircuit(final long nowMillis)
    {
        for (int i = 0; i < config.circuitBreakerFailures; i++)
        {
            circuitBreaker.onFailed(nowMillis);
        }
    }
}

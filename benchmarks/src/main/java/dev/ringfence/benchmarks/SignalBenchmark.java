package dev.ringfence.benchmarks;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The trading loop's cost per signal: a signal's whole life (received, checked, approved, order sent,
 * executed, position closed), and a duplicate rejected. Signal ids are made before the measurement; the
 * set of executed ids grows by one per signal by design (an id executes at most once), so the engine is
 * fresh each iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SignalBenchmark
{
    private static final int IDS = 1 << 22;
    private final String[] ids = new String[IDS];
    private DirectEngine engine;
    private long lastClientOrderId;
    private long now;
    private int next;

    @Setup(Level.Trial)
    public void makeIds()
    {
        for (int i = 0; i < IDS; i++)
        {
            ids[i] = "sig-" + i;
        }
    }

    @Setup(Level.Iteration)
    public void freshEngine()
    {
        final EngineConfig config = new EngineConfig();
        config.ordersPerSecond = 1_000_000;
        config.orderBurst = 1_000_000;
        config.validate();
        engine = new DirectEngine(config, new SymbolTable(config.symbols), OrderCommands.DISCARD, event ->
        {
            if (event.type() == LifecycleEventType.SIGNAL_APPROVED)
            {
                lastClientOrderId = event.clientOrderId();
            }
        }, () -> 0);
        now = 1_767_571_200_000L;
        engine.inbound().operatorCommands().admin(now, AdminCommand.START, "bench");
        engine.inbound().terminalReports().terminalStatus(now, true);
        engine.inbound().terminalReports().symbolSpec(now, 0, config.symbols.get(0));
        engine.inbound().terminalReports().account(now, 7, 10_000, 10_000, 0, 10_000, true, now, 0, TradePermissions.ALL);
        engine.inbound().terminalReports().positionsBegin(now, 0);
        engine.inbound().signals().signal(now, "duplicate", 0, Side.BUY, 0.1, 0, 0, 0, now);
        engine.inbound().terminalReports().orderResult(now, lastClientOrderId, ReturnCodes.DONE, 1, 1.1, 0.1, 0);
        engine.inbound().terminalReports().positionClosed(now, 1, 0, CloseReason.MANUAL, 0, 0);
        next = 0;
    }

    /** Received, approved, sent, executed, closed: five events through the logic. */
    @Benchmark
    public void signalExecutedAndClosed()
    {
        now++;
        final long ticket = 10 + next;
        engine.inbound().signals().signal(now, ids[next++ & (IDS - 1)], 0, Side.BUY, 0.1, 0, 0, 0, now);
        engine.inbound().terminalReports().orderResult(now, lastClientOrderId, ReturnCodes.DONE, ticket, 1.1, 0.1, 0);
        engine.inbound().terminalReports().positionClosed(now, ticket, 0, CloseReason.TAKE_PROFIT, 0, 0);
    }

    @Benchmark
    public void duplicateSignalRejected()
    {
        now++;
        engine.inbound().signals().signal(now, "duplicate", 0, Side.BUY, 0.1, 0, 0, 0, now);
    }
}

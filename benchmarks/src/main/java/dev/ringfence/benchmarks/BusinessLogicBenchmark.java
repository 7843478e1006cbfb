package dev.ringfence.benchmarks;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Per-event cost of the business logic on the hot path, without the ring: one account report through
 * the risk guard (validity, peak, three rules, warnings), and one tick. Run with {@code -prof gc} to see
 * the bytes allocated per operation (expected: zero).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class BusinessLogicBenchmark
{
    private DirectEngine engine;
    private long now;
    private int i;

    @Setup
    public void setUp()
    {
        final EngineConfig config = new EngineConfig().validate();
        engine = new DirectEngine(config, new SymbolTable(config.symbols), OrderCommands.DISCARD, event -> { }, System::nanoTime);
        now = 1_767_571_200_000L;
        engine.inbound().operatorCommands().admin(now, AdminCommand.START, "bench");
        engine.inbound().terminalReports().terminalStatus(now, true);
        engine.inbound().terminalReports().symbolSpec(now, 0, config.symbols.get(0));
        engine.inbound().terminalReports().account(now, 7, 10_000, 10_000, 0, 10_000, true, now, 0, TradePermissions.ALL);
        engine.inbound().terminalReports().positionsBegin(now, 1);
        engine.inbound().terminalReports().position(now, 1, 0, Side.BUY, 1.0, 1.1, 0, 0);
    }

    @Benchmark
    public void accountReport()
    {
        now++;
        final double equity = 10_000 - (i++ & 1023);
        engine.inbound().terminalReports().account(now, 7, 10_000, equity, 100, equity - 100, true, now, 0, TradePermissions.ALL);
    }

    @Benchmark
    public void tick()
    {
        now++;
        engine.inbound().terminalReports().tick(now, 0, 1.1 + (i++ & 15) * 1e-5, 1.1002);
    }
}

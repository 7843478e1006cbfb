package dev.ringfence.benchmarks;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.TimerTicks;
import dev.ringfence.engine.event.OrderCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One hop through the Disruptor ring and back: publish a timer event, wait until the business thread has
 * processed it. Measures the ring and the thread hand-off with a given wait strategy (the logic's own
 * cost for a timer event is tens of nanoseconds).
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingHopBenchmark
{
    @Param({"yielding", "blocking"})
    public String waitStrategy;

    private Engine engine;
    private TimerTicks inbound;
    private volatile long processed;
    private long sent;

    @Setup(Level.Trial)
    public void start()
    {
        final EngineConfig config = new EngineConfig().validate();
        engine = new Engine(config, new SymbolTable(config.symbols), OrderCommands.DISCARD, event -> { }, waitStrategy,
            1 << 14, List.of(), Engine.GatePlacement.BUSINESS_THREAD, event -> processed++);
        engine.start();
        inbound = engine.inbound().timerTicks();
    }

    @TearDown(Level.Trial)
    public void stop()
    {
        engine.close();
    }

    @Benchmark
    public long publishAndAwaitProcessing()
    {
        inbound.timer(1_767_571_200_000L);
        final long target = ++sent;
        while (processed < target)
        {
            Thread.onSpinWait();
        }
        return target;
    }
}

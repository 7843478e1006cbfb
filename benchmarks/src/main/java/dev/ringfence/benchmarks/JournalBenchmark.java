package dev.ringfence.benchmarks;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.TradePermissions;
import dev.ringfence.journal.Journal;
import dev.ringfence.journal.JournalReader;
import org.agrona.IoUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The journal's costs: appending one inbound event (encode, checksum, Chronicle append), and replaying
 * a journal of {@value #REPLAY_EVENTS} recorded tick/account events through a fresh engine (read,
 * decode, business logic), reported per event; events per second = 10^9 / ns per event.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JournalBenchmark
{
    static final int REPLAY_EVENTS = 1_000_000;

    private Path appendDir;
    private Journal appendJournal;
    private Consumer<InboundEvent> append;
    private final InboundEntry tick = new InboundEntry();
    private final InboundEntry account = new InboundEntry();
    private long now = 1_767_571_200_000L;
    private int i;

    private Path replayDir;
    private Journal replayJournal;
    private EngineConfig config;
    private SymbolTable symbols;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        appendDir = Files.createTempDirectory("ringfence-bench-append");
        appendJournal = Journal.open(appendDir);
        append = appendJournal.inboundAppender();

        config = new EngineConfig().validate();
        symbols = new SymbolTable(config.symbols);
        replayDir = Files.createTempDirectory("ringfence-bench-replay");
        replayJournal = Journal.open(replayDir);
        final DirectEngine recorder = new DirectEngine(config, symbols, OrderCommands.DISCARD, event -> { }, () -> 0)
            .journalTo(replayJournal.inboundAppender());
        long t = now;
        recorder.inbound().engineInputs().config(t, config.describe());
        recorder.inbound().operatorCommands().admin(t, AdminCommand.START, "bench");
        recorder.inbound().terminalReports().terminalStatus(t, true);
        recorder.inbound().terminalReports().symbolSpec(t, 0, config.symbols.get(0));
        recorder.inbound().terminalReports().account(t, 7, 10_000, 10_000, 0, 10_000, true, t, 0, TradePermissions.ALL);
        recorder.inbound().terminalReports().positionsBegin(t, 0);
        for (int k = 0; k < REPLAY_EVENTS; k++)
        {
            t++;
            if ((k & 1) == 0)
            {
                recorder.inbound().terminalReports().tick(t, 0, 1.1 + (k & 15) * 1e-5, 1.1002);
            }
            else
            {
                final double equity = 10_000 - (k & 1023);
                recorder.inbound().terminalReports().account(t, 7, 10_000, equity, 100, equity - 100, true, t, 0, TradePermissions.ALL);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        appendJournal.close();
        replayJournal.close();
        IoUtil.delete(appendDir.toFile(), true);
        IoUtil.delete(replayDir.toFile(), true);
    }

    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void appendInboundEvent()
    {
        now++;
        if ((i++ & 1) == 0)
        {
            tick.ports().terminalReports().tick(now, 0, 1.1 + (i & 15) * 1e-5, 1.1002);
            append.accept(tick.event());
        }
        else
        {
            final double equity = 10_000 - (i & 1023);
            account.ports().terminalReports().account(now, 7, 10_000, equity, 100, equity - 100, true, now, 0, TradePermissions.ALL);
            append.accept(account.event());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(REPLAY_EVENTS)
    public long replayPerEvent()
    {
        final DirectEngine engine = new DirectEngine(config, symbols, OrderCommands.DISCARD, event -> { }, () -> 0);
        final JournalReader reader = replayJournal.reader();
        reader.readInbound(new JournalReader.InboundVisitor()
        {
            @Override
            public void onEvent(final long index, final InboundEvent event)
            {
                engine.process(event);
            }

            @Override
            public void onDamaged(final long index, final String problem)
            {
                throw new IllegalStateException(problem);
            }
        });
        return engine.status().eventsProcessed;
    }
}

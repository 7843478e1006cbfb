package dev.ringfence.benchmarks.latency;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundPorts;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.journal.Journal;
import dev.ringfence.journal.JournalWarmUp;
import org.agrona.IoUtil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Ringfence as it runs: the Disruptor ring, the Chronicle journal before the logic, the business logic,
 * no locks, no allocation. The journal runs on the business thread (one thread fewer than one per
 * handler, which suits a 2-core machine); the order is unchanged: journal, then logic.
 */
final class EnginePipeline extends MeasuredPipeline
{
    /** The ring's size; the limit pipeline uses the same. */
    static final int RING_SIZE = 1 << 16;

    private final String waitStrategy;
    private final boolean journaled;
    /** When the business thread started on the current event. Business thread only. */
    private long serviceStartNanos;
    /** When the logic had decided the previous event, and whether the current batch goes on from it. Business thread only. */
    private long previousDecidedNanos;
    private boolean batchGoesOn;
    private Path journalDir;
    private Journal journal;
    private Engine engine;
    private InboundPorts publisher;
    /** The planned time of the event being published: the stamp the engine puts on it. Publisher thread only. */
    private long plannedNanos;
    /** Counted in {@link #processed()} with the load's events. */
    private int startUpEvents;
    private volatile long businessThreadId = -1;
    /** The engine's own record of its latency, as a run serves it on /metrics; written on the business thread. */
    private final StatusBoard board = new StatusBoard();
    /** The board's buckets when measuring started ({@link #measuringStarts}). */
    private long[] boardBucketsAtStart;

    private final Path journalParent;
    /** The journal on its own thread (as {@code run} places it) rather than inline on the business thread. */
    private final boolean journalThread;

    EnginePipeline(final String waitStrategy, final boolean journaled, final Path journalParent, final boolean journalThread)
    {
        this.waitStrategy = waitStrategy;
        this.journaled = journaled;
        this.journalParent = journalParent;
        this.journalThread = journalThread && journaled;
    }

    @Override
    public String name()
    {
        return "engine";
    }

    @Override
    public void start() throws Exception
    {
        if (journaled)
        {
            journalDir = Files.createTempDirectory(journalParent, "ringfence-latency-journal");
            journal = Journal.open(journalDir);
            JournalWarmUp.run(journalDir, System.out);
        }
        final EngineConfig config = new EngineConfig().validate();
        if (journalThread)
        {
            // The journal's thread ahead of the business thread; the service time then starts where the logic does.
            engine = new Engine(config, new SymbolTable(config.symbols), OrderCommands.DISCARD, event -> { }, waitStrategy,
                RING_SIZE, List.of(journal.inboundHandler()), Engine.GatePlacement.OWN_THREADS, this::onProcessed);
        }
        else
        {
            engine = new Engine(config, new SymbolTable(config.symbols), OrderCommands.DISCARD, event -> { }, waitStrategy,
                RING_SIZE, journaled ? List.of(this::serviceStarts, journal.inboundHandler()) : List.of(this::serviceStarts),
                Engine.GatePlacement.BUSINESS_THREAD, this::onProcessed);
        }
        engine.statusBoard(board);
        engine.start();
        publisher = engine.inbound(() -> plannedNanos);
        plannedNanos = System.nanoTime();
        startUpEvents = LoadEvents.startUp(publisher, System.currentTimeMillis());
    }

    /**
     * The first inline gate: the business thread starts on an event (before the journal). Within a batch it goes
     * straight on from the previous event, whose decision stamp is then this one's start: one clock read fewer per
     * event, where at full rate the clock's three reads per event (two here, the engine's own) took a fifth of the
     * thread's time.
     */
    private void serviceStarts(final InboundEvent event, final long sequence, final boolean endOfBatch)
    {
        serviceStartNanos = batchGoesOn ? previousDecidedNanos : System.nanoTime();
        batchGoesOn = !endOfBatch;
    }

    /** On the business thread, after the logic has made its decision about the event. */
    private void onProcessed(final InboundEvent event)
    {
        if (businessThreadId < 0)
        {
            businessThreadId = Thread.currentThread().getId();
        }
        previousDecidedNanos = processedOne(event.publishNanos(), journalThread ? System.nanoTime() : serviceStartNanos);
    }

    @Override
    public void publish(final long index, final long plannedNanos, final long epochMillis)
    {
        this.plannedNanos = plannedNanos;
        while (!LoadEvents.publish(publisher, index, epochMillis))
        {
            Thread.onSpinWait(); // ring full: back-pressure, and the waiting shows in the latency
        }
    }

    @Override
    protected void measuringStarts()
    {
        boardBucketsAtStart = board.latencyBuckets();
    }

    @Override
    public EngineOwnHistogram ownHistogram()
    {
        return EngineOwnHistogram.since(boardBucketsAtStart, board);
    }

    @Override
    public long startUpEvents()
    {
        return startUpEvents;
    }

    @Override
    public long[] threadIds()
    {
        return new long[] {businessThreadId};
    }

    @Override
    public void close() throws Exception
    {
        engine.close();
        if (journal != null)
        {
            journal.close();
            IoUtil.delete(journalDir.toFile(), true);
        }
    }
}

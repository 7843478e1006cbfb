package dev.ringfence.benchmarks.latency;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.OrderCommands;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The same business logic driven the conventional way, as the peer baseline: a
 * {@code java.util.concurrent} blocking queue of freshly allocated event objects, a lock around the
 * state, and a synchronous journal write per event (one {@code write} system call of a text line, no
 * fsync: the same durability as the engine's memory-mapped journal). Everything else is identical.
 */
final class BaselinePipeline extends MeasuredPipeline
{
    private final BlockingQueue<BaselineEvent> queue = new ArrayBlockingQueue<>(1 << 16);
    private final ReentrantLock lock = new ReentrantLock();
    private final Path journalParent;
    private Path journalFile;
    private FileOutputStream journal;
    private DirectEngine logic;
    private Thread consumer;
    private volatile boolean running = true;

    BaselinePipeline(final Path journalParent)
    {
        this.journalParent = journalParent;
    }

    @Override
    public String name()
    {
        return "baseline";
    }

    @Override
    public void start() throws Exception
    {
        journalFile = Files.createTempFile(journalParent, "ringfence-latency-baseline", ".journal");
        journal = new FileOutputStream(journalFile.toFile());
        final EngineConfig config = new EngineConfig().validate();
        logic = new DirectEngine(config, new SymbolTable(config.symbols), OrderCommands.DISCARD, event -> { }, System::nanoTime);
        LoadEvents.startUp(logic.inbound(), System.currentTimeMillis());
        consumer = new Thread(this::consume, "baseline-consumer");
        consumer.start();
    }

    private void consume()
    {
        while (running)
        {
            final BaselineEvent next;
            try
            {
                next = queue.take();
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            if (next.index < 0)
            {
                return;
            }
            final long serviceStart = System.nanoTime();
            lock.lock();
            try
            {
                journal.write(next.toJournalLine().getBytes(StandardCharsets.UTF_8));
                LoadEvents.publish(logic.inbound(), next.index, next.epochMillis);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            finally
            {
                lock.unlock();
            }
            processedOne(next.plannedNanos, serviceStart);
        }
    }

    @Override
    public void publish(final long index, final long plannedNanos, final long epochMillis)
    {
        try
        {
            queue.put(new BaselineEvent(index, plannedNanos, epochMillis));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long[] threadIds()
    {
        return new long[] {consumer.getId()};
    }

    @Override
    public void close() throws Exception
    {
        running = false;
        queue.put(new BaselineEvent(-1, 0, 0));
        consumer.join(5_000);
        journal.close();
        Files.deleteIfExists(journalFile);
    }

    /** A queued event, allocated per publish as conventional code does. */
    private static final class BaselineEvent
    {
        final long index;
        final long plannedNanos;
        final long epochMillis;

        BaselineEvent(final long index, final long plannedNanos, final long epochMillis)
        {
            this.index = index;
            this.plannedNanos = plannedNanos;
            this.epochMillis = epochMillis;
        }

        String toJournalLine()
        {
            return "{\"index\":" + index + ",\"t\":" + epochMillis + "}\n";
        }
    }
}

package dev.ringfence.journal;

import com.lmax.disruptor.EventHandler;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A run's journal on disk: two Chronicle queues under one directory, rolled daily.
 * <ul>
 *   <li>{@code DIR/inbound}: every inbound event, appended by the journal handler before the business
 *   logic sees it (the logic is gated on it), so the engine's whole state can always be rebuilt;</li>
 *   <li>{@code DIR/outbound}: every lifecycle event and order command the logic produced, appended on the
 *   business thread, so a replay can be checked decision by decision.</li>
 * </ul>
 * Each queue has one appender per writing thread. Appends go to memory-mapped files, which survive a
 * crash of the process; {@code syncMode} adds msync for surviving a crash of the machine, at a cost.
 */
public final class Journal implements AutoCloseable
{
    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";

    /** Size of one memory-mapped chunk of a queue file; overridable with -Dringfence.journal.blockSize (bytes). */
    static final long BLOCK_SIZE = Long.getLong("ringfence.journal.blockSize", 64L << 20);

    private final Path directory;
    private final ChronicleQueue inbound;
    private final ChronicleQueue outbound;
    private Thread pretoucher;

    private Journal(final Path directory, final SyncMode syncMode)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal directory " + directory, ex);
        }
        this.inbound = queue(directory.resolve(INBOUND), syncMode);
        this.outbound = queue(directory.resolve(OUTBOUND), syncMode);
    }

    /** Opens (or creates) the journal in {@code directory}. */
    public static Journal open(final Path directory, final SyncMode syncMode)
    {
        return new Journal(directory, syncMode);
    }

    public static Journal open(final Path directory)
    {
        return open(directory, SyncMode.NONE);
    }

    /** True when {@code directory} holds a journal with at least one inbound entry. */
    public static boolean exists(final Path directory)
    {
        final Path inboundDir = directory.resolve(INBOUND);
        if (!Files.isDirectory(inboundDir))
        {
            return false;
        }
        try (var files = Files.list(inboundDir))
        {
            return files.anyMatch(p -> p.toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static ChronicleQueue queue(final Path path, final SyncMode syncMode)
    {
        return SingleChronicleQueueBuilder.single(path.toFile())
            .rollCycle(RollCycles.FAST_DAILY)
            .blockSize(BLOCK_SIZE)
            .syncMode(syncMode)
            .build();
    }

    public Path directory()
    {
        return directory;
    }

    /**
     * Starts a background thread that pre-touches the inbound queue's pages ahead of the writer (Chronicle's
     * own remedy), so the business thread does not take the page faults of a fresh memory-mapped chunk.
     * It sleeps between rounds: it never competes with the business thread for a core for long.
     */
    public Journal startPretoucher(final long periodMillis)
    {
        final Thread pretoucher = new Thread(() ->
        {
            final ExcerptAppender appender = inbound.createAppender();
            try
            {
                while (!Thread.currentThread().isInterrupted() && !inbound.isClosed())
                {
                    appender.pretouch();
                    Thread.sleep(periodMillis);
                }
            }
            catch (final InterruptedException ignored)
            {
                // closing
            }
            catch (final RuntimeException ex)
            {
                if (!inbound.isClosed())
                {
                    System.err.println("journal: the pretoucher stopped: " + ex);
                }
            }
            finally
            {
                appender.close();
            }
        }, "ringfence-journal-pretouch");
        pretoucher.setDaemon(true);
        pretoucher.start();
        this.pretoucher = pretoucher;
        return this;
    }

    /** The gate handler for the inbound ring: journals each event before the business logic runs. */
    public EventHandler<InboundEvent> inboundHandler()
    {
        return new InboundHandler(inbound);
    }

    /** Appends one inbound event; for a synchronous engine, called on its one thread before the logic. */
    public Consumer<InboundEvent> inboundAppender()
    {
        return new InboundHandler(inbound)::append;
    }

    /** Journals outputs, then forwards them; silent until {@link OutputJournal#goLive()}. */
    public OutputJournal outputJournal(final LifecycleEvents lifecycle, final OrderCommands commands)
    {
        return new OutputJournal(outbound, lifecycle, commands, reader().countOutput());
    }

    public JournalReader reader()
    {
        return new JournalReader(directory, inbound, outbound);
    }

    ChronicleQueue inboundQueue()
    {
        return inbound;
    }

    @Override
    public void close()
    {
        if (pretoucher != null)
        {
            pretoucher.interrupt();
            try
            {
                pretoucher.join(1_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        inbound.close();
        outbound.close();
    }

    /** Appends every inbound event; its own appender, created on the handler's thread at first use. */
    static final class InboundHandler implements EventHandler<InboundEvent>
    {
        private final ChronicleQueue queue;
        private ExcerptAppender appender;

        InboundHandler(final ChronicleQueue queue)
        {
            this.queue = queue;
        }

        @Override
        public void onEvent(final InboundEvent event, final long sequence, final boolean endOfBatch)
        {
            append(event);
        }

        void append(final InboundEvent event)
        {
            if (appender == null)
            {
                appender = queue.createAppender();
            }
            try (DocumentContext dc = appender.writingDocument())
            {
                JournalCodec.writeInbound(dc.wire().bytes(), event);
            }
        }
    }
}

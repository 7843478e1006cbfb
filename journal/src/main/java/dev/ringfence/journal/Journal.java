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

    private final Path directory;
    private final ChronicleQueue inbound;
    private final ChronicleQueue outbound;

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
            .syncMode(syncMode)
            .build();
    }

    public Path directory()
    {
        return directory;
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

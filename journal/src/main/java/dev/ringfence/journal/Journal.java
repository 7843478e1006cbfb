package dev.ringfence.journal;

import com.lmax.disruptor.EventHandler;
import dev.ringfence.engine.GateIdleWork;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Chronicle's own pretoucher is in Queue Enterprise only (in the open-source queue this build uses,
 * {@code ExcerptAppender.pretouch()} fails with a StackOverflowError looking for it), so the inbound gate has
 * its own: a {@link JournalPrefaulter} faults its next pages in when its events are done ({@link GateIdleWork}).
 */
public final class Journal implements AutoCloseable
{
    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";

    /** Size of one memory-mapped chunk of a queue file; overridable with -Dringfence.journal.blockSize (bytes). */
    static final long BLOCK_SIZE = Long.getLong("ringfence.journal.blockSize", 64L << 20);

    /** While the inbound queue cannot write, one attempt at most per this interval; events between are denied. */
    static final long RETRY_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("ringfence.journal.retryMillis", 1_000));

    private final Path directory;
    private final ChronicleQueue inbound;
    private final ChronicleQueue outbound;
    private final JournalFaults faults;
    private final JournalHealth health;
    private final PrintStream log;
    /** One free-space sampler for both queues (they share the directory's file store). */
    private final FreeSpace freeSpace;

    private Journal(final Path directory, final SyncMode syncMode, final JournalFaults faults, final PrintStream log)
    {
        this(directory, syncMode, faults, log, BLOCK_SIZE, 0, 0);
    }

    /**
     * {@code indexCount}: entries per index array (a power of two); {@code indexSpacing}: entries per index entry
     * (a power of two); 0 for the roll cycle's own.
     */
    private Journal(final Path directory, final SyncMode syncMode, final JournalFaults faults, final PrintStream log,
        final long blockSize, final int indexCount, final int indexSpacing)
    {
        this.directory = directory;
        this.faults = faults;
        this.health = new JournalHealth(log);
        this.log = log;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create journal directory " + directory, ex);
        }
        this.inbound = queue(directory.resolve(INBOUND), syncMode, blockSize, indexCount, indexSpacing);
        this.outbound = queue(directory.resolve(OUTBOUND), syncMode, blockSize, indexCount, indexSpacing);
        this.freeSpace = new FreeSpace(directory);
    }

    /** Opens (or creates) the journal in {@code directory}. */
    public static Journal open(final Path directory, final SyncMode syncMode)
    {
        return new Journal(directory, syncMode, JournalFaults.NONE, System.err);
    }

    /** Opens (or creates) the journal on a file store that fails when {@code faults} says so (tests). */
    public static Journal open(final Path directory, final SyncMode syncMode, final JournalFaults faults, final PrintStream log)
    {
        return new Journal(directory, syncMode, faults, log);
    }

    public static Journal open(final Path directory)
    {
        return open(directory, SyncMode.NONE);
    }

    /**
     * A scratch journal for {@link JournalWarmUp}: the same code over small chunks, small index arrays and, if
     * asked, dense index entries, so tens of thousands of entries take the paths a live journal takes only every
     * 64 MiB, every million entries and every 256 entries.
     */
    static Journal scratch(final Path directory, final long blockSize, final int indexCount, final int indexSpacing,
        final JournalFaults faults, final PrintStream log)
    {
        return new Journal(directory, SyncMode.NONE, faults, log, blockSize, indexCount, indexSpacing);
    }

    /**
     * Exists while inputs were processed that the journal could not record and no JOURNAL_GAP entry says so
     * yet. Creating an empty file needs no data block, so it usually succeeds on a full disk where the queue
     * cannot grow. Found at start, it means the last run stopped during an outage: the inputs it lost are
     * unknown, and the start journals a gap of its own (see {@link #interruptedOutage()}).
     */
    public static final String GAP_PENDING_FILE = "journal-gap.pending";

    /** Whether the last run stopped while inputs were not journaled (its gap was never recorded). */
    public boolean interruptedOutage()
    {
        return Files.exists(directory.resolve(GAP_PENDING_FILE));
    }

    /** The pending gap is recorded (a JOURNAL_GAP entry is in the queue): the file goes. */
    private void gapRecorded()
    {
        try
        {
            Files.deleteIfExists(directory.resolve(GAP_PENDING_FILE));
        }
        catch (final IOException ex)
        {
            log.println("journal: cannot remove " + directory.resolve(GAP_PENDING_FILE) + " (" + ex + "); a restart will " +
                "deny entries until an operator re-arms, which is the safe side");
        }
    }

    /** Best effort: the gap is pending until a JOURNAL_GAP entry is written. */
    private void gapPending()
    {
        try
        {
            Files.newByteChannel(directory.resolve(GAP_PENDING_FILE),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE).close();
        }
        catch (final IOException ex)
        {
            // Nothing more can be written here: the journal's own failure is already reported.
        }
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

    private static ChronicleQueue queue(
        final Path path, final SyncMode syncMode, final long blockSize, final int indexCount, final int indexSpacing)
    {
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.single(path.toFile())
            .rollCycle(RollCycles.FAST_DAILY)
            .blockSize(blockSize)
            .syncMode(syncMode);
        if (indexCount > 0)
        {
            builder.indexCount(indexCount);
        }
        if (indexSpacing > 0)
        {
            builder.indexSpacing(indexSpacing);
        }
        return builder.build();
    }

    public Path directory()
    {
        return directory;
    }

    /** Whether both queues write; any thread may read it. */
    public JournalHealth health()
    {
        return health;
    }

    /** The gate handler for the inbound ring: journals each event before the business logic runs. */
    public EventHandler<InboundEvent> inboundHandler()
    {
        return new InboundHandler(this);
    }

    /** Appends one inbound event; for a synchronous engine, called on its one thread before the logic. */
    public Consumer<InboundEvent> inboundAppender()
    {
        return new InboundHandler(this)::append;
    }

    /** Journals outputs, then forwards them; silent until {@link OutputJournal#goLive()}. */
    public OutputJournal outputJournal(final LifecycleEvents lifecycle, final OrderCommands commands)
    {
        return new OutputJournal(outbound, lifecycle, commands, reader().countOutput(), faults,
            freeSpace, failure -> health.outbound(failure, directory.toString()));
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
        freeSpace.close();
        inbound.close();
        outbound.close();
    }

    /**
     * Appends every inbound event and marks it {@link InboundEvent#notJournaled(boolean) not journaled} when
     * the write fails, so the business logic denies entries while the journal cannot record them. Its own
     * appender, created on the handler's thread at first use. A failed write is rolled back and its appender
     * dropped (a half-written entry would stall every later reader and writer); while failing, one attempt
     * per {@link #RETRY_INTERVAL_NANOS}, so a full disk costs neither a fault nor a log line per event.
     *
     * <p>Fail-closed across restarts: the inputs it could not journal are counted, and its first write after
     * a failure is a {@link InboundEventType#JOURNAL_GAP} marker with that count, then the event. A rebuild
     * from the journal sees the marker exactly where the live logic saw the flag flip back (on that event),
     * so both deny entries from there until an operator re-arms: the outage's inputs are not in the journal.
     */
    static final class InboundHandler implements EventHandler<InboundEvent>, GateIdleWork
    {
        private final Journal journal;
        private final FreeSpace freeSpace;
        /** This handler's thread has its writer's pages faulted in when a batch ends. */
        private final JournalPrefaulter prefaulter;
        private ExcerptAppender appender;
        private String failure;
        private long lastAttemptNanos;
        /** Inputs handed on not journaled since the last marker; one marker precedes the next written event. */
        private int notJournaled;
        private final InboundEntry marker = new InboundEntry();

        InboundHandler(final Journal journal)
        {
            this.journal = journal;
            this.freeSpace = journal.freeSpace;
            this.prefaulter = new JournalPrefaulter(JournalPrefaulter.kernel(), JournalPrefaulter.WINDOW_BYTES, freeSpace::usable, journal.log);
        }

        @Override
        public void onEvent(final InboundEvent event, final long sequence, final boolean endOfBatch)
        {
            append(event);
        }

        /** A batch is done: tops the pre-faulted pages up only when they run low (a burst is many batches). */
        @Override
        public void afterBatch()
        {
            if (failure == null)
            {
                prefaulter.afterBatch();
            }
        }

        /** The ring has been empty for a while: the page faults ahead cost least now. */
        @Override
        public void quiet()
        {
            if (failure == null)
            {
                prefaulter.quiet();
            }
        }

        void append(final InboundEvent event)
        {
            if (failure != null && System.nanoTime() - lastAttemptNanos < RETRY_INTERVAL_NANOS)
            {
                lost(event);
                return;
            }
            try
            {
                journal.faults.beforeWrite();
                freeSpace.check();
                if (appender == null)
                {
                    appender = journal.inbound.createAppender();
                }
                if (notJournaled > 0)
                {
                    marker.ports().engineInputs().journalGap(event.timeMillis(), notJournaled);
                    write(marker.event());
                    // Recorded: should the event itself fail now, it is the first input of the next gap.
                    notJournaled = 0;
                    journal.gapRecorded();
                }
                write(event);
                event.notJournaled(false);
                if (event.type() == InboundEventType.JOURNAL_GAP)
                {
                    journal.gapRecorded(); // a start's own gap for an outage the last run did not live to record
                }
                if (failure != null)
                {
                    failure = null;
                    journal.health.inbound(null, journal.directory.toString());
                }
            }
            catch (final Exception | InternalError ex)
            {
                // A full disk: an IOException from growing the file, or an InternalError from a mapped page
                // it cannot back. The event goes on to the logic marked, which denies entries meanwhile.
                lost(event);
                lastAttemptNanos = System.nanoTime();
                if (!(ex instanceof FreeSpace.LowDiskSpace))
                {
                    dropAppender();
                    WriteLocks.releaseAfterFailedWrite(journal.inbound);
                }
                if (failure == null)
                {
                    failure = JournalHealth.describe(ex);
                    journal.health.inbound(failure, journal.directory.toString());
                }
            }
        }

        private void write(final InboundEvent entry)
        {
            JournalEntries.append(appender, JournalCodec::writeInbound, entry, prefaulter);
        }

        private void lost(final InboundEvent event)
        {
            event.notJournaled(true);
            if (notJournaled == 0)
            {
                journal.gapPending();
            }
            if (notJournaled < Integer.MAX_VALUE)
            {
                notJournaled++;
            }
        }

        private void dropAppender()
        {
            final ExcerptAppender broken = appender;
            appender = null;
            if (broken != null)
            {
                try
                {
                    broken.close();
                }
                catch (final RuntimeException | InternalError ignored)
                {
                    // already failing; a new appender is made at the next attempt
                }
            }
        }
    }
}

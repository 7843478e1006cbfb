package dev.ringfence.journal;

import net.openhft.posix.PosixAPI;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Takes the journal's page faults off its writers' threads. The first write into each page of a
 * memory-mapped queue file faults: the kernel allocates and zeroes the page (about 3 µs on a small machine,
 * measured), and at 100,000 events a second that is 2,000 faults a second in the middle of the business
 * thread's events. This agent, on a thread of its own that sleeps between rounds, keeps up to
 * {@link #WINDOW_BYTES} ahead of each {@link WriteFrontier} populated with {@code madvise(MADV_POPULATE_WRITE)}.
 *
 * <p>Why that call and not touching the pages: it faults the pages in writable without writing to them, so it
 * can never change a byte of the journal, whatever the writer does meanwhile. A chunk Chronicle has unmapped
 * makes it fail with ENOMEM, not crash, and the next publication moves it on. On a kernel without it (before
 * Linux 5.14) or without the native library, one line says so and the writers take their own faults, as
 * before: latency, never correctness, depends on this agent.
 *
 * <p>Populated pages take room on the journal's file store, so pre-faulting pauses (and says so once) while
 * the free space left would not cover every writer's window above the journal's own reserve
 * ({@link FreeSpace#MIN_FREE_BYTES}): it never brings the disk nearer to full than the writers would.
 */
final class JournalPrefaulter implements Agent
{
    /** How far ahead of each writer pages are populated; {@code -Dringfence.journal.prefaultBytes=0} turns it off. */
    static final long WINDOW_BYTES = Long.getLong("ringfence.journal.prefaultBytes", 16L << 20);
    /** One madvise call at most this long, so a chunk that goes away is noticed early. */
    static final long CALL_BYTES = 256 << 10;
    /** The thread sleeps this long when it finds nothing to do. */
    static final long IDLE_MILLIS = 10;
    static final long PAGE_BYTES = 4096;

    /** {@code MADV_POPULATE_WRITE} from linux/mman.h (Linux 5.14); absent from the posix library's flags. */
    static final int MADV_POPULATE_WRITE = 23;
    static final int ENOMEM = 12;
    static final int EINVAL = 22;

    /** The one system call, behind an interface so its policy is tested without a kernel. */
    @FunctionalInterface
    interface Populate
    {
        /** Populates {@code [address, address + length)} writable; 0, or the errno of the failure. */
        int populateWrite(long address, long length);
    }

    /** The kernel's call through the posix library Chronicle already depends on. */
    static final Populate MADVISE = (address, length) ->
    {
        final PosixAPI posix = PosixAPI.posix();
        return posix.madvise(address, length, MADV_POPULATE_WRITE) == 0 ? 0 : posix.lastError();
    };

    /** A writer's frontier and how far ahead of it this agent has populated; the latter is this thread's. */
    private static final class Track
    {
        final WriteFrontier frontier;
        /** Populated up to here (exclusive), within the mapping that ends at {@code limitAddress}. */
        long populatedTo;
        long limitAddress;
        /** The address the last failure was at: nothing more is tried until the writer publishes another. */
        long failedAt;

        Track(final WriteFrontier frontier)
        {
            this.frontier = frontier;
        }
    }

    private final Populate populate;
    private final long window;
    private final LongSupplier freeBytes;
    private final PrintStream log;
    private volatile Track[] tracks = new Track[0];
    private final long[] published = new long[2];
    private boolean everSucceeded;
    private boolean unavailable;
    private boolean failureReported;
    private boolean pausedForSpace;

    /** {@code freeBytes}: the journal's last free-space sample, read without a system call. */
    JournalPrefaulter(final Populate populate, final long window, final LongSupplier freeBytes, final PrintStream log)
    {
        this.populate = populate;
        this.window = window;
        this.freeBytes = freeBytes;
        this.log = log;
    }

    /** A new writer's frontier, followed from the next round; any thread. */
    synchronized WriteFrontier frontier()
    {
        final WriteFrontier frontier = new WriteFrontier();
        final Track[] next = Arrays.copyOf(tracks, tracks.length + 1);
        next[tracks.length] = new Track(frontier);
        tracks = next;
        return frontier;
    }

    @Override
    public int doWork()
    {
        final Track[] all = tracks;
        if (unavailable || !roomFor(all.length))
        {
            return 0;
        }
        int calls = 0;
        for (final Track track : all)
        {
            calls += workAhead(track);
        }
        return calls;
    }

    private boolean roomFor(final int writers)
    {
        final long free = freeBytes.getAsLong();
        final boolean room = free - writers * window >= FreeSpace.MIN_FREE_BYTES;
        if (room == pausedForSpace)
        {
            pausedForSpace = !room;
            log.println(room ? "journal: pre-faulting resumed" : "journal: pre-faulting paused: " + free / (1024 * 1024) +
                " MiB free would not cover the writers' windows above the journal's reserve; the writers take their own page faults");
        }
        return room;
    }

    /** At most one call per track and round, so every writer is served in turn. */
    private int workAhead(final Track track)
    {
        if (!track.frontier.read(published))
        {
            return 0;
        }
        final long writeAddress = published[0];
        final long limitAddress = published[1];
        if (limitAddress != track.limitAddress || writeAddress < track.populatedTo - window || writeAddress > track.populatedTo)
        {
            // Another mapping (a new chunk or file), or the writer overtook this agent: start at the writer.
            track.limitAddress = limitAddress;
            track.populatedTo = writeAddress & -PAGE_BYTES;
        }
        final long target = Math.min(limitAddress, writeAddress + window) & -PAGE_BYTES; // madvise takes whole pages
        if (track.populatedTo >= target || track.failedAt == writeAddress)
        {
            return 0;
        }
        final long length = Math.min(CALL_BYTES, target - track.populatedTo);
        final int errno;
        try
        {
            errno = populate.populateWrite(track.populatedTo, length);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return unavailable("the native call failed: " + ex);
        }
        if (errno == 0)
        {
            everSucceeded = true;
            track.populatedTo += length;
            return 1;
        }
        if (errno == EINVAL && !everSucceeded)
        {
            return unavailable("madvise MADV_POPULATE_WRITE refused, errno " + errno + "; it needs Linux 5.14");
        }
        // ENOMEM: the chunk was unmapped under this agent. Either way, wait for the writer's next publication.
        track.failedAt = writeAddress;
        if (errno != ENOMEM && !failureReported)
        {
            failureReported = true;
            log.println("journal: pre-faulting skipped a range (madvise errno " + errno + "); it goes on at the writer's next " +
                "publication, and this is said once");
        }
        return 0;
    }

    /** Off for good, said once: the writers take their own page faults, as without this agent. */
    private int unavailable(final String why)
    {
        unavailable = true;
        log.println("journal: cannot pre-fault the journal's pages (" + why + "); the writing threads take the page faults themselves");
        return 0;
    }

    @Override
    public String roleName()
    {
        return "ringfence-journal-prefault";
    }

    /** Starts {@code agent} on a daemon thread of its own; close the runner to stop it. */
    static AgentRunner start(final JournalPrefaulter agent, final PrintStream log)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(IDLE_MILLIS),
            error -> log.println("journal: pre-faulting failed (" + error + "); the writing threads take the page faults themselves"),
            null, agent);
        AgentRunner.startOnThread(runner, task ->
        {
            final Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
        return runner;
    }
}

package dev.ringfence.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.core.OS;
import net.openhft.posix.PosixAPI;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Faults a queue writer's next pages in while its thread has nothing else to do. The first write into each
 * page of a memory-mapped queue file faults: the kernel allocates and zeroes the page, 2,000 times a second at
 * 100,000 events a second, each in the middle of an event (measured on a 2-core machine: the business thread's
 * service time p99 was 13.7-14.7 µs with the faults, 0.66-1.36 µs without). Told where the writer is after
 * every entry ({@link #wrote}), it populates pages ahead of it with {@code madvise(MADV_POPULATE_WRITE)}:
 * <ul>
 *   <li>{@link #quiet()}, when the ring has been empty for a while: up to {@link #QUIET_PAGES} pages, until
 *   {@link #WINDOW_BYTES} ahead are populated;</li>
 *   <li>{@link #afterBatch()}: one page, and only while less than half the window is left, so a burst (many
 *   small batches) runs on pages populated before it, and a spinning thread that is never quiet keeps up as long
 *   as its batches write less than a page each (at 100,000 events a second they write one entry).</li>
 * </ul>
 *
 * <p>On the writer's own thread, not a thread of its own: measured at 100,000 events a second on 2 cores, a
 * pre-faulting thread waking every 10 ms took the core from the publisher often enough to raise its lateness
 * p99 from 26-284 µs to 221-1,319 µs, more than the faults it saved.
 *
 * <p>Why that call and not touching the pages: it faults pages in writable without writing to them, so it
 * cannot change a byte of the journal. A range that is not mapped fails with ENOMEM, never a signal. On a
 * kernel without the call (before Linux 5.14) or without the native library ({@link #kernel()}), one line says
 * so and the writer takes its own faults, as before: latency, never correctness, depends on this class.
 * Nothing it does throws.
 *
 * <p>Populated pages take room on the journal's file store, so it pauses (with one line, and one when it
 * resumes) while the free space would not cover the window above the journal's own reserve
 * ({@link FreeSpace#MIN_FREE_BYTES}).
 *
 * <p>Thread ownership: everything here belongs to the one writer thread of its appender (the business thread
 * when the journal runs inline, the default on 2 cores or fewer; the journal's own thread otherwise).
 */
final class JournalPrefaulter
{
    /** How far ahead of the writer pages are populated; {@code -Dringfence.journal.prefaultBytes=0} turns it off. */
    static final long WINDOW_BYTES = Long.getLong("ringfence.journal.prefaultBytes", 1L << 20);
    /** The machine's page size: madvise takes whole pages. */
    static final long PAGE_BYTES = OS.pageSize();
    /** Pages populated in one quiet moment at most: an event arriving meanwhile waits for them. */
    static final int QUIET_PAGES = 4;

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

    /**
     * The kernel's call through the posix library Chronicle already depends on, resolved now (so the native
     * library loads here, not on the writer's thread). Off Linux, or without a native binding, the library answers
     * every call with success and does nothing; that is refused on the first call, so the pre-faulter says so and
     * stops.
     */
    static Populate kernel()
    {
        if (!OS.isLinux())
        {
            // The posix library answers madvise elsewhere (Windows) with success and does nothing.
            return unavailable("MADV_POPULATE_WRITE is Linux's; this is " + System.getProperty("os.name"));
        }
        final PosixAPI posix;
        try
        {
            posix = PosixAPI.posix();
        }
        catch (final RuntimeException | LinkageError ex)
        {
            return unavailable("no posix library: " + ex);
        }
        if (posix.getClass().getSimpleName().startsWith("NoOp"))
        {
            return unavailable("the posix library has no native binding here (" + posix.getClass().getSimpleName() + ")");
        }
        return (address, length) -> posix.madvise(address, length, MADV_POPULATE_WRITE) == 0 ? 0 : posix.lastError();
    }

    /** A call that refuses, saying {@code why}: the pre-faulter says so once and stops. */
    private static Populate unavailable(final String why)
    {
        return (address, length) ->
        {
            throw new UnsupportedOperationException(why);
        };
    }

    /** For a writer with no idle moments to use (the output journal): does nothing. */
    static final JournalPrefaulter NONE = new JournalPrefaulter((address, length) -> 0, 0, () -> 0, System.err);

    private final Populate populate;
    private final long window;
    private final LongSupplier freeBytes;
    private final PrintStream log;

    /** Where the writer is: the native address after its last entry, and the end of the mapping it is in. */
    private long writeAddress;
    private long limitAddress;
    /** Populated up to here (exclusive) in the mapping that ends at {@link #populatedLimit}. */
    private long populatedTo;
    private long populatedLimit;
    /** The write address a call failed at: nothing more is tried until the writer moves on. */
    private long failedAt;
    private boolean everSucceeded;
    private boolean off;
    private boolean failureReported;
    private boolean pausedForSpace;

    /** {@code freeBytes}: the journal's last free-space sample, read without a system call. */
    JournalPrefaulter(final Populate populate, final long window, final LongSupplier freeBytes, final PrintStream log)
    {
        this.populate = populate;
        this.window = window;
        this.freeBytes = freeBytes;
        this.log = log;
        this.off = window <= 0;
    }

    /** After an entry is written into {@code bytes} (a queue's memory-mapped bytes); allocates nothing, never throws. */
    void wrote(final Bytes<?> bytes)
    {
        final BytesStore<?, ?> store = bytes.bytesStore();
        if (off || !(store instanceof MappedBytesStore))
        {
            return;
        }
        try
        {
            final MappedBytesStore mapped = (MappedBytesStore)store;
            final long position = bytes.writePosition();
            final long limit = mapped.safeLimit();
            if (position >= mapped.start() && position < limit)
            {
                final long address = mapped.addressForWrite(position);
                at(address, address + (limit - position));
            }
        }
        catch (final RuntimeException ex)
        {
            turnOff("cannot follow the writer: " + ex); // never the entry's failure: it is written
        }
    }

    /** The writer is at {@code address}, in a mapping that ends at {@code limit}. */
    void at(final long address, final long limit)
    {
        writeAddress = address;
        limitAddress = limit;
    }

    /** A batch is done: one page, only while less than half the window ahead is populated. Never throws. */
    void afterBatch()
    {
        populateAhead(1, window / 2);
    }

    /** The ring has been empty for a while: up to {@link #QUIET_PAGES} pages, up to the whole window. Never throws. */
    void quiet()
    {
        populateAhead(QUIET_PAGES, window);
    }

    /** Populates up to {@code pages} pages, if fewer than {@code below} bytes ahead of the writer are populated. */
    private void populateAhead(final int pages, final long below)
    {
        if (off || writeAddress == 0 || writeAddress == failedAt)
        {
            return;
        }
        if (limitAddress != populatedLimit || writeAddress > populatedTo || writeAddress < populatedTo - window)
        {
            // Another mapping (a new chunk or file), or the writer overtook: start at the writer's page.
            populatedLimit = limitAddress;
            populatedTo = writeAddress & -PAGE_BYTES;
        }
        final long end = Math.min(limitAddress, writeAddress + window);
        if (populatedTo - writeAddress >= below || populatedTo + PAGE_BYTES > end || !roomForWindow())
        {
            return;
        }
        for (int i = 0; i < pages && populatedTo + PAGE_BYTES <= end; i++)
        {
            if (!populateOne())
            {
                return;
            }
        }
    }

    private boolean populateOne()
    {
        final int errno;
        try
        {
            errno = populate.populateWrite(populatedTo, PAGE_BYTES);
        }
        catch (final RuntimeException | LinkageError ex)
        {
            turnOff("the native call failed: " + ex);
            return false;
        }
        if (errno == 0)
        {
            everSucceeded = true;
            populatedTo += PAGE_BYTES;
            return true;
        }
        if (errno == EINVAL && !everSucceeded)
        {
            turnOff("madvise MADV_POPULATE_WRITE refused, errno " + errno + "; it needs Linux 5.14");
            return false;
        }
        // ENOMEM: that range is not mapped (any more). Either way, wait until the writer moves on.
        failedAt = writeAddress;
        if (errno != ENOMEM && !failureReported)
        {
            failureReported = true;
            log.println("journal: pre-faulting skipped a page (madvise errno " + errno + "); it goes on when the writer " +
                "moves, and this is said once");
        }
        return false;
    }

    private boolean roomForWindow()
    {
        final long free = freeBytes.getAsLong();
        // Paused below the reserve plus one window, resumed above it plus two: a figure hovering at the edge
        // does not print a line per free-space sample.
        final boolean room = free - (pausedForSpace ? 2 * window : window) >= FreeSpace.MIN_FREE_BYTES;
        if (room == pausedForSpace)
        {
            pausedForSpace = !room;
            log.println(room ? "journal: pre-faulting resumed" : "journal: pre-faulting paused: " + free / (1024 * 1024) +
                " MiB free would not cover its window above the journal's reserve; the writer takes its own page faults");
        }
        return room;
    }

    /** Off for good, said once: the writer takes its own page faults, as without this class. */
    private void turnOff(final String why)
    {
        off = true;
        log.println("journal: cannot pre-fault the journal's pages (" + why + "); the writer takes the page faults itself");
    }
}

package dev.ringfence.journal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Whether the journal's file store still has room, checked before writing. A memory-mapped write to a full
 * disk does not fail where it happens: the JVM raises an {@code InternalError} at a later safepoint, after
 * the entry may already be committed with bytes that were never stored. So the journal stops writing while
 * free space is below {@code -Dringfence.journal.minFreeBytes} (default 16 MiB: far more than the journal
 * writes between two samples), and the engine denies entries as for any write failure.
 *
 * <p>One per journal. The {@code statfs} behind the figure is a system call, so it runs on a sampler thread
 * of its own ({@code ringfence-journal-space}, asleep between samples), every {@link #SAMPLE_INTERVAL_MILLIS};
 * the writing threads (the business thread among them when the journal is inline) only read the last sample.
 */
final class FreeSpace implements AutoCloseable
{
    static final long MIN_FREE_BYTES = Long.getLong("ringfence.journal.minFreeBytes", 16L << 20);
    static final long SAMPLE_INTERVAL_MILLIS = 100;

    private final FileStore store;
    private final Thread sampler;
    /** The last sample: written by the sampler, read by the writers. MAX_VALUE when there is no figure. */
    private volatile long usable = Long.MAX_VALUE;
    private volatile boolean closed;

    FreeSpace(final Path directory)
    {
        FileStore found = null;
        try
        {
            found = Files.getFileStore(directory);
        }
        catch (final IOException ex)
        {
            // no figure: rely on write failures alone
        }
        this.store = found;
        if (store == null)
        {
            sampler = null;
            return;
        }
        sample();
        sampler = new Thread(this::sampleUntilClosed, "ringfence-journal-space");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sampleUntilClosed()
    {
        while (!closed)
        {
            try
            {
                TimeUnit.MILLISECONDS.sleep(SAMPLE_INTERVAL_MILLIS);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            sample();
        }
    }

    private void sample()
    {
        try
        {
            usable = store.getUsableSpace();
        }
        catch (final IOException | RuntimeException ex)
        {
            usable = Long.MAX_VALUE;
        }
    }

    /** The last sample in bytes, MAX_VALUE when there is none; any thread, no system call. */
    long usable()
    {
        return usable;
    }

    /** Throws, as a failed write would, while the last sample is below the minimum. No system call. */
    void check()
    {
        final long free = usable;
        if (free < MIN_FREE_BYTES)
        {
            throw new LowDiskSpace(free);
        }
    }

    @Override
    public void close()
    {
        closed = true;
        if (sampler != null)
        {
            sampler.interrupt();
        }
    }

    /** Not a stack trace's worth of news: the message is all the operator needs. */
    static final class LowDiskSpace extends RuntimeException
    {
        LowDiskSpace(final long usable)
        {
            super("only " + usable / 1024 + " KiB free on the journal's disk, below the " + MIN_FREE_BYTES / 1024 +
                " KiB it keeps free (ringfence.journal.minFreeBytes)", null, false, false);
        }
    }
}

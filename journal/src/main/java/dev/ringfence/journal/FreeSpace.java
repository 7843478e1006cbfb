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
 * free space is below {@code -Dringfence.journal.minFreeBytes} (default 16 MiB: far more than the journal writes between two checks), and the
 * engine denies entries as for any write failure. One instance per writing thread; at most one
 * {@code statfs} per {@link #CHECK_INTERVAL_NANOS}.
 */
final class FreeSpace
{
    static final long MIN_FREE_BYTES = Long.getLong("ringfence.journal.minFreeBytes", 16L << 20);
    static final long CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final FileStore store;
    private long nextCheckNanos = System.nanoTime();
    private long usable = Long.MAX_VALUE;

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
    }

    /** Throws, as a failed write would, while free space is below the minimum. */
    void check()
    {
        if (store == null)
        {
            return;
        }
        final long now = System.nanoTime();
        if (now - nextCheckNanos >= 0)
        {
            nextCheckNanos = now + CHECK_INTERVAL_NANOS;
            try
            {
                usable = store.getUsableSpace();
            }
            catch (final IOException ex)
            {
                usable = Long.MAX_VALUE;
            }
        }
        if (usable < MIN_FREE_BYTES)
        {
            throw new LowDiskSpace(usable);
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

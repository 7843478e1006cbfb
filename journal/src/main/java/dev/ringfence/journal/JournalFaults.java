package dev.ringfence.journal;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A file store that fails on demand, for fault-injection tests where a small full filesystem cannot be
 * mounted: while {@link #diskFull(boolean) full}, every journal write fails the way a full disk makes it
 * fail, before any byte is written. {@link #NONE} in production.
 */
public final class JournalFaults
{
    public static final JournalFaults NONE = new JournalFaults();

    private volatile boolean diskFull;

    public JournalFaults diskFull(final boolean full)
    {
        if (this == NONE)
        {
            throw new IllegalStateException("the production file store cannot be failed");
        }
        this.diskFull = full;
        return this;
    }

    void beforeWrite()
    {
        if (diskFull)
        {
            throw new UncheckedIOException(new IOException("No space left on device (injected)"));
        }
    }
}

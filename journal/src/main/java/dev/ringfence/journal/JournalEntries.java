package dev.ringfence.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appending one entry to a queue: written whole or not at all. A codec that throws half-way (a full disk
 * faults a memory-mapped page) rolls its entry back, because a half-written entry would stall every later
 * reader and writer. Codecs are passed as static method references, so appending allocates nothing.
 * Used by the inbound gate and the output journal, each on its own single writer thread; each tells its
 * {@link WriteFrontier} where it wrote, so the journal's pages are faulted in ahead of it.
 */
final class JournalEntries
{
    @FunctionalInterface
    interface Codec<T>
    {
        void write(Bytes<?> out, T value);
    }

    private JournalEntries()
    {
    }

    static <T> void append(final ExcerptAppender appender, final Codec<T> codec, final T value, final WriteFrontier frontier)
    {
        final DocumentContext dc = appender.writingDocument();
        try
        {
            final Bytes<?> bytes = dc.wire().bytes();
            codec.write(bytes, value);
            frontier.wrote(bytes);
        }
        catch (final RuntimeException | InternalError ex)
        {
            dc.rollbackOnClose();
            throw ex;
        }
        finally
        {
            dc.close();
        }
    }
}

package dev.ringfence.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Appending one entry to a queue: written whole or not at all. A codec that throws half-way (a full disk
 * faults a memory-mapped page) rolls its entry back, because a half-written entry would stall every later
 * reader and writer. Codecs are passed as static method references, so appending allocates nothing.
 * Used by the inbound gate and the output journal, each on its own single writer thread; the inbound gate's
 * {@link JournalPrefaulter} is told where it wrote (the output journal's is {@link JournalPrefaulter#NONE}).
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

    static <T> void append(final ExcerptAppender appender, final Codec<T> codec, final T value, final JournalPrefaulter prefaulter)
    {
        final DocumentContext dc = appender.writingDocument();
        try
        {
            final Bytes<?> bytes = dc.wire().bytes();
            codec.write(bytes, value);
            prefaulter.wrote(bytes);
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

package dev.ringfence.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pre-faulting against the real kernel and a real queue file: the pages ahead of the writer become resident
 * in the process (the mapping's Rss in /proc/self/smaps), and what the queue holds is what was written.
 */
class JournalPrefaultTest
{
    private static final long WINDOW = 1L << 20;
    private static final Path SMAPS = Path.of("/proc/self/smaps");
    /** The first line of each mapping in smaps: "start-end perms offset device inode path". */
    private static final Pattern MAPPING_HEADER = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

    @TempDir
    Path dir;

    @Test
    void thePagesAheadOfTheWriterAreResidentBeforeItGetsThere() throws IOException
    {
        assumeTrue(Files.isReadable(SMAPS), "needs Linux's /proc/self/smaps");
        final ByteArrayOutputStream logged = new ByteArrayOutputStream();
        final JournalPrefaulter prefaulter = new JournalPrefaulter(JournalPrefaulter.kernel(), WINDOW, () -> Long.MAX_VALUE,
            new PrintStream(logged, true, StandardCharsets.UTF_8));
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
             ExcerptAppender appender = queue.createAppender())
        {
            JournalEntries.append(appender, (out, value) -> out.writeLong(value), 1L, prefaulter);
            final long before = residentKilobytesOfQueueFiles();

            for (int quiet = 0; quiet < WINDOW / JournalPrefaulter.PAGE_BYTES; quiet++)
            {
                prefaulter.quiet(); // a few pages each
            }

            final long after = residentKilobytesOfQueueFiles();
            assertEquals("", logged.toString(StandardCharsets.UTF_8), "the kernel took the call");
            assertTrue(after - before >= WINDOW / 1024 - 64, "resident before " + before + " kB, after " + after + " kB");

            JournalEntries.append(appender, (out, value) -> out.writeLong(value), 2L, prefaulter);
            try (ExcerptTailer tailer = queue.createTailer())
            {
                assertEquals(List.of(1L, 2L), List.of(readLong(tailer), readLong(tailer)), "populating wrote nothing");
            }
        }
    }

    private static long readLong(final ExcerptTailer tailer)
    {
        try (var dc = tailer.readingDocument())
        {
            assertTrue(dc.isPresent());
            return dc.wire().bytes().readLong();
        }
    }

    /** The Rss of every mapping of a .cq4 file under this test's directory. */
    private long residentKilobytesOfQueueFiles() throws IOException
    {
        long kilobytes = 0;
        boolean inQueueFile = false;
        for (final String line : Files.readAllLines(SMAPS))
        {
            if (MAPPING_HEADER.matcher(line).lookingAt())
            {
                inQueueFile = line.contains(dir.toString()) && line.endsWith(".cq4");
            }
            else if (inQueueFile && line.startsWith("Rss:"))
            {
                kilobytes += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kilobytes;
    }
}

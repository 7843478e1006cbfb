package dev.ringfence.journal;

import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEventType;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JIT warm-up on a real scratch journal beside a real one. */
class JournalWarmUpTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    @Test
    void itTakesTheJournalAcrossManyChunksAndSeveralIndexArrays()
    {
        final JournalWarmUp.Result result = JournalWarmUp.run(dir, log);

        assertEquals(2 * JournalWarmUp.EVENTS, result.entries(), logged.toString(StandardCharsets.UTF_8));
        assertTrue(result.bytes() >= 40 * JournalWarmUp.BLOCK_BYTES, result.bytes() + " bytes of queue file");
        final long liveSpacing = RollCycles.FAST_DAILY.defaultIndexSpacing();
        assertTrue(JournalWarmUp.EVENTS >= 2L * JournalWarmUp.Layout.LIVE_SPACING.indexCount * liveSpacing,
            "two index arrays at the live spacing");
        final JournalWarmUp.Layout dense = JournalWarmUp.Layout.DENSE_INDEX;
        assertTrue(JournalWarmUp.EVENTS / dense.indexSpacing >= 10_000, "index entries, enough to be compiled");
        assertTrue(JournalWarmUp.EVENTS <= (long)dense.indexCount * dense.indexCount * dense.indexSpacing,
            "within one cycle's index capacity");
    }

    @Test
    void nothingOfItStaysAndTheRealJournalHoldsNothingOfIt()
    {
        try (Journal journal = Journal.open(dir))
        {
            JournalWarmUp.run(dir, log);

            assertFalse(Files.exists(dir.resolve(JournalWarmUp.DIRECTORY)), "scratch journal removed");
            assertFalse(Journal.exists(journal.directory()), "no inbound entry in the real journal");
        }
    }

    @Test
    void aScratchJournalLeftByAKilledStartIsReplaced() throws IOException
    {
        final Path leftover = dir.resolve(JournalWarmUp.DIRECTORY).resolve(Journal.INBOUND).resolve("20261122F.cq4");
        Files.createDirectories(leftover.getParent());
        Files.write(leftover, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}); // not a queue file: a torn write

        final JournalWarmUp.Result result = JournalWarmUp.run(dir, log);

        assertEquals(2 * JournalWarmUp.EVENTS, result.entries(), logged.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve(JournalWarmUp.DIRECTORY)));
    }

    @Test
    void aWarmUpThatCannotWriteIsSaidAndEndsThere() throws IOException
    {
        final Path notADirectory = Files.writeString(dir.resolve("journal"), "a file where the journal should be");

        final JournalWarmUp.Result result = JournalWarmUp.run(notADirectory, log);

        assertEquals(JournalWarmUp.Result.NONE, result);
        final String said = logged.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("journal: the JIT warm-up stopped after 0 entries ("), said);
        assertTrue(said.contains("the engine starts anyway"), said);
    }

    @Test
    void aScratchJournalThatCannotWriteIsSaidOnceAsTheWarmUpsAndNotAsTheJournals()
    {
        final JournalWarmUp.Result result = JournalWarmUp.run(dir, log, new JournalFaults().diskFull(true));

        assertEquals(0, result.entries());
        final String said = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.startsWith("journal: the JIT warm-up stopped after 0 entries (the scratch journal could not write: "), said);
        assertTrue(said.contains("No space left on device (injected)"), said);
        assertFalse(Files.exists(dir.resolve(JournalWarmUp.DIRECTORY)));
    }

    @Test
    void everyInboundTypeIsAmongTheWarmUpsEvents()
    {
        final InboundEntry entry = new InboundEntry();
        final Set<InboundEventType> seen = EnumSet.noneOf(InboundEventType.class);
        for (int i = 0; i < 16 * InboundEventType.values().length; i++)
        {
            JournalWarmUp.publish(entry.ports(), i, 1_000_000L + i);
            seen.add(entry.event().type());
        }

        assertEquals(EnumSet.allOf(InboundEventType.class), seen);
    }
}

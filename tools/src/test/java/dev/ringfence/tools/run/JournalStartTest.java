package dev.ringfence.tools.run;

import dev.ringfence.tools.RingfenceCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Real runs on real journal files: a damaged journal is refused with the way out and kept, a journal of
 * another mode or account is refused, and a second quick start in the same directory trades.
 */
class JournalStartTest
{
    @TempDir
    Path dir;

    private String lastOut = "";
    private String lastErr = "";

    @Test
    void aSecondPaperRunInTheSameDirectoryTradesAndMeasuresOnlyLiveEvents() throws IOException
    {
        final Path journal = dir.resolve("journal");
        assertEquals(0, paperRun(journal, "first.jsonl", "3s"));
        assertEquals(0, paperRun(journal, "second.jsonl", "3s"));
        final List<String> second = Files.readAllLines(dir.resolve("second.jsonl"));
        assertTrue(second.stream().noneMatch(e -> e.contains("\"DUPLICATE\"")), String.join("\n", second));
        assertTrue(second.stream().anyMatch(e -> e.contains("\"type\":\"TRADE_EXECUTED\"")), String.join("\n", second));
        final String heartbeat = second.stream().filter(e -> e.contains("\"type\":\"HEARTBEAT\"")).findFirst().orElseThrow();
        final double p50Micros = Double.parseDouble(heartbeat.replaceAll(".*\"latencyP50Micros\":([0-9.]+).*", "$1"));
        assertTrue(p50Micros < 1_000_000, "recovered events are not measured against the current time: " + heartbeat);
    }

    @Test
    void aRunThatStoppedDuringAJournalOutageLeavesAGapTheNextStartRecordsAndHolds() throws IOException
    {
        final Path journal = dir.resolve("journal");
        assertEquals(0, paperRun(journal, "first.jsonl", "2s"));
        // What the gate leaves when inputs go unjournaled and the process dies before it can write the gap.
        Files.createFile(journal.resolve(dev.ringfence.journal.Journal.GAP_PENDING_FILE));

        assertEquals(0, paperRun(journal, "second.jsonl", "3s"));
        assertTrue(lastOut.contains("the last run stopped while the journal could not write"), lastOut);
        final List<String> second = Files.readAllLines(dir.resolve("second.jsonl"));
        assertTrue(second.stream().anyMatch(e -> e.contains("\"reason\":\"JOURNAL_GAP\"")), String.join("\n", second));
        assertTrue(second.stream().noneMatch(e -> e.contains("\"type\":\"TRADE_EXECUTED\"")), "entries are denied: " + second);
        assertFalse(Files.exists(journal.resolve(dev.ringfence.journal.Journal.GAP_PENDING_FILE)), "the gap is recorded now");

        assertEquals(0, paperRun(journal, "third.jsonl", "2s"));
        final List<String> third = Files.readAllLines(dir.resolve("third.jsonl"));
        assertTrue(third.stream().noneMatch(e -> e.contains("\"type\":\"TRADE_EXECUTED\"")),
            "a further restart still holds the recorded gap until an operator re-arms: " + third);
    }

    @Test
    void aJournalCutToHalfIsRefusedThenSetAsideAndTheEngineStartsLocked() throws IOException
    {
        final Path journal = dir.resolve("journal");
        assertEquals(0, paperRun(journal, "first.jsonl", "2s"));
        final Path cycle = cycleFile(journal);
        final long[] data = dataRange(cycle);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.setLength(data[0] + (data[1] - data[0]) / 2);
        }
        assertRefusedAndKept(journal, cycle, "is cut short");
    }

    @Test
    void twentyFlippedBytesAreRefusedThenSetAsideAndTheEngineStartsLocked() throws IOException
    {
        final Path journal = dir.resolve("journal");
        assertEquals(0, paperRun(journal, "first.jsonl", "2s"));
        final Path cycle = cycleFile(journal);
        final long[] data = dataRange(cycle);
        final Random random = new Random(9);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            for (int i = 0; i < 20; i++)
            {
                final long at = data[0] + (long)(random.nextDouble() * (data[1] - data[0]));
                file.seek(at);
                final int b = file.read();
                file.seek(at);
                file.write(b ^ 0xFF);
            }
        }
        assertRefusedAndKept(journal, cycle, "");
    }

    @Test
    void aZeroedQueueFileIsRefusedNotTakenForANewJournal() throws IOException
    {
        final Path journal = dir.resolve("journal");
        assertEquals(0, paperRun(journal, "first.jsonl", "2s"));
        final Path cycle = cycleFile(journal);
        final long size = Files.size(cycle);
        try (RandomAccessFile file = new RandomAccessFile(cycle.toFile(), "rw"))
        {
            file.setLength(0);
            file.setLength(size);
        }
        assertRefusedAndKept(journal, cycle, "the file is zeroed");
    }

    @Test
    void aPaperJournalIsRefusedForALiveRunAndForAnotherAccount() throws IOException
    {
        final Path journal = dir.resolve("journal");
        assertEquals(0, paperRun(journal, "first.jsonl", "2s"));
        assertEquals(2, run("run", "--duration", "1s", "--quiet", "--journal", journal.toString(),
            "--set", "gateway.port=0", "--set", "http.port=0", "--set", "gateway.secret=live-secret"));
        assertTrue(lastErr.contains("was written by a paper run; this is a live run"), lastErr);

        assertEquals(2, paperRun(journal, "other-account.jsonl", "1s", "--set", "account.login=2000002"));
        assertTrue(lastErr.contains("belongs to account login 1000001, but the configuration expects login 2000002"), lastErr);

        assertEquals(Path.of("ringfence-data", "paper", "journal"), PaperMode.journal(Path.of("ringfence-data", "journal")),
            "paper runs never share the live default directory");
    }

    private void assertRefusedAndKept(final Path journal, final Path cycle, final String what) throws IOException
    {
        final byte[] damaged = Files.readAllBytes(cycle);
        assertEquals(2, paperRun(journal, "refused.jsonl", "1s"));
        assertTrue(lastErr.contains("is damaged and cannot be read to its end"), lastErr);
        assertTrue(lastErr.contains(what), lastErr);
        assertTrue(lastErr.contains("--accept-damaged-journal"), "the way out is named: " + lastErr);
        assertArrayEquals(damaged, Files.readAllBytes(cycle), "a refusal changes nothing");

        assertEquals(0, paperRun(journal, "accepted.jsonl", "2s", "--accept-damaged-journal"));
        final List<Path> aside;
        try (Stream<Path> files = Files.list(dir))
        {
            aside = files.filter(p -> p.getFileName().toString().startsWith("journal.damaged-")).collect(Collectors.toList());
        }
        assertEquals(1, aside.size(), "the damaged journal is kept beside the new one");
        assertArrayEquals(damaged, Files.readAllBytes(aside.get(0).resolve("inbound").resolve(cycle.getFileName())),
            "kept as it was");
        final List<String> accepted = Files.readAllLines(dir.resolve("accepted.jsonl"));
        assertTrue(accepted.stream().anyMatch(e -> e.contains("\"type\":\"GUARD_TRIPPED\"") || e.contains("\"to\":\"FLATTENING\"") ||
            e.contains("\"to\":\"LOCKED\"")), String.join("\n", accepted));
        assertTrue(accepted.stream().noneMatch(e -> e.contains("\"type\":\"TRADE_EXECUTED\"")), "entries denied: " + accepted);

        assertEquals(0, paperRun(journal, "after.jsonl", "1s"));
        assertTrue(lastOut.contains("guard LOCKED") || lastOut.contains("guard FLATTENING"),
            "the new journal keeps the engine locked until an operator re-arms: " + lastOut);
    }

    private int paperRun(final Path journal, final String out, final String duration, final String... extra)
    {
        final List<String> args = new ArrayList<>(Arrays.asList("run", "--paper", "--duration", duration, "--demo-signals",
            "--demo-interval", "300ms", "--quiet", "--out", dir.resolve(out).toString(), "--set", "heartbeat.intervalMillis=1000",
            "--set", "http.port=0", "--journal", journal.toString()));
        args.addAll(Arrays.asList(extra));
        return run(args.toArray(new String[0]));
    }

    private int run(final String... args)
    {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try
        {
            return RingfenceCli.commandLine().execute(args);
        }
        finally
        {
            System.setOut(out);
            System.setErr(err);
            lastOut = outBytes.toString(StandardCharsets.UTF_8);
            lastErr = errBytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static Path cycleFile(final Path journal) throws IOException
    {
        try (Stream<Path> files = Files.list(journal.resolve("inbound")))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** From the first data entry to the end of the data, in a queue file. */
    private static long[] dataRange(final Path cycle) throws IOException
    {
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cycle)).order(ByteOrder.LITTLE_ENDIAN);
        int position = 0;
        int first = -1;
        while (position + 4 <= b.limit() && b.getInt(position) != 0)
        {
            if (first < 0 && (b.getInt(position) & 0x40000000) == 0)
            {
                first = position;
            }
            position = (position + 4 + (b.getInt(position) & 0x3FFFFFFF) + 3) & ~3;
        }
        return new long[] {first, position};
    }
}

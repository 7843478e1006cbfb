package dev.ringfence.tools.journal;

import dev.ringfence.engine.event.LifecycleEventWriter;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.journal.Journal;
import dev.ringfence.journal.OutputJournal;
import dev.ringfence.tools.RingfenceCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code journal dump | replay | report} on a journal recorded by a scenario run. */
class JournalToolsTest
{
    @TempDir
    Path dir;

    private Path journal;
    private String stdout;

    @BeforeEach
    void recordAScenario()
    {
        journal = dir.resolve("j");
        assertEquals(0, run("scenario", "../examples/drawdown-trip.jsonl", "--journal", journal.toString(),
            "--out", dir.resolve("events.jsonl").toString()));
    }

    private int run(final String... args)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            return RingfenceCli.commandLine().execute(args);
        }
        finally
        {
            System.setOut(original);
            stdout = captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void dumpPrintsEveryInboundEventAndFiltersByTypeAndTime()
    {
        assertEquals(0, run("journal", "dump", journal.toString(), "--json"));
        assertTrue(stdout.startsWith("{\"index\":"), stdout);
        assertTrue(stdout.contains("\"type\":\"SIGNAL\",\"signalId\":\"sig-1\""), stdout);

        assertEquals(0, run("journal", "dump", journal.toString(), "--type", "SIGNAL", "--json"));
        assertEquals(2, stdout.lines().count(), stdout);

        assertEquals(0, run("journal", "dump", journal.toString(), "--type", "SIGNAL",
            "--from", "2026-01-05T00:00:05Z", "--to", "2026-01-05T00:00:08Z"));
        assertEquals(1, stdout.lines().count(), stdout);
        assertTrue(stdout.contains("SIGNAL") && stdout.contains("signalId=sig-2"), stdout);
    }

    @Test
    void dumpOfTheOutputsShowsTheDecisionBeforeTheCommand()
    {
        assertEquals(0, run("journal", "dump", journal.toString(), "--outputs", "--type", "GUARD_TRIPPED,CLOSE_POSITION", "--json"));
        final String[] lines = stdout.split("\n");
        assertEquals(2, lines.length, stdout);
        assertTrue(lines[0].contains("\"type\":\"GUARD_TRIPPED\""));
        assertTrue(lines[1].contains("\"type\":\"CLOSE_POSITION\""));
    }

    @Test
    void replayVerifiesEveryDecision()
    {
        assertEquals(0, run("journal", "replay", journal.toString(), "--verify"));
        assertTrue(stdout.contains("divergences: 0"), stdout);
        assertTrue(stdout.contains("final state: guard LOCKED"), stdout);
    }

    @Test
    void replayReportsADecisionTheJournalHasButTheEngineDidNotMake()
    {
        try (Journal open = Journal.open(journal))
        {
            final OutputJournal output = open.outputJournal(event -> { }, OrderCommands.DISCARD);
            output.goLive();
            LifecycleEventWriter.to(output).guardRearmed(1_767_571_300_000L, 0, 0, 0, "forger", null);
        }
        assertEquals(1, run("journal", "replay", journal.toString(), "--verify"));
        assertTrue(stdout.contains("divergences: 1"), stdout);
        assertTrue(stdout.contains("first divergence: the journal has {\"t\":1767571300000,\"type\":\"GUARD_REARMED\""), stdout);
    }

    @Test
    void reportWritesOneSelfContainedHtmlFileWithTheChartsInlined() throws IOException
    {
        final Path html = dir.resolve("report.html");
        assertEquals(0, run("journal", "report", journal.toString(), "--out", html.toString()));
        final String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("var uPlot = ") || page.contains("var uPlot=") || page.contains("uPlot=function"), "uPlot is inlined");
        assertTrue(page.contains(".uplot"), "its stylesheet too");
        assertTrue(page.contains("window.REPORT = {\"origin\":1767571200000"), "the data starts at the scenario's first input");
        assertTrue(page.contains("guard tripped: MAX_DRAWDOWN at equity 7,990.00, peak 10,000.00"), "the trip is a marker: " + page);
        assertTrue(page.contains("\"trade\",\"trade BUY EURUSD 1.00 @ 1.1001 (signal sig-1, ticket 100001)\""), "the trade is a marker");
        assertTrue(page.contains("\"lim\":[[1000,20,500,null]]"), "the drawdown cap and floor are drawn; no daily limit");
        assertTrue(page.contains("<th>guard trips</th><td>{MAX_DRAWDOWN=1}</td>"), page);
        assertTrue(page.contains("<th>largest drawdown</th><td>20.1000 %</td>"), page);
        assertFalse(page.contains("<script src") || page.contains("<link"), "nothing loaded from elsewhere");
        assertFalse(page.matches("(?s).*https?://(?!www\\.w3\\.org|github\\.com/leeoniya).*"), "no address to fetch");
    }

    @Test
    void aDirectoryWithoutAJournalIsAClearError()
    {
        assertEquals(2, run("journal", "replay", dir.resolve("nothing-here").toString()));
        assertEquals(2, run("journal", "dump", dir.resolve("nothing-here").toString()));
    }
}

package dev.ringfence.tools.journal;

import dev.ringfence.tools.RingfenceCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code journal what-if} and {@code journal to-scenario} on the journal of a real paper run: the simulated
 * terminal over loopback TCP, demo signals, the live engine; then the day re-run with a tighter limit.
 */
class WhatIfTest
{
    @TempDir
    static Path dir;

    static Path journal;

    private String stdout;
    private String stderr;

    @BeforeAll
    static void recordAPaperRun()
    {
        journal = dir.resolve("paper-journal");
        assertEquals(0, RingfenceCli.commandLine().execute(
            "run", "--paper", "--duration", "3s", "--demo-signals", "--demo-interval", "300ms", "--quiet", "--seed", "7",
            "--set", "http.port=0", "--journal", journal.toString()));
    }

    private int run(final String... args)
    {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try
        {
            return RingfenceCli.commandLine().execute(args);
        }
        finally
        {
            System.setOut(out);
            System.setErr(err);
            stdout = capturedOut.toString(StandardCharsets.UTF_8);
            stderr = capturedErr.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aTighterFloorTripsWhereTheRecordedLimitsDidNot() throws IOException
    {
        final Path html = dir.resolve("whatif.html");
        assertEquals(0, run("journal", "what-if", journal.toString(), "--set", "risk.equityFloor=9999.9", "--out", html.toString()), stderr);

        final String trips = line("guard trips");
        assertTrue(trips.matches("guard trips\\s+none\\s+\\{EQUITY_FLOOR=1\\}"), stdout);
        assertTrue(line("guard state at the end").matches("guard state at the end\\s+ACTIVE\\s+LOCKED"), stdout);
        final int tradesReference = number("trades executed", 1);
        final int tradesWhatIf = number("trades executed", 2);
        assertTrue(tradesReference > tradesWhatIf, "the locked run stopped trading: " + stdout);
        assertTrue(stdout.contains("P/L difference (what-if minus recorded limits): "), stdout);

        final String page = Files.readString(html);
        assertTrue(page.contains("\"name\":\"recorded limits\"") && page.contains("\"name\":\"what-if\""), "both runs are in the report");
        assertTrue(page.contains("guard tripped: EQUITY_FLOOR"), "the trip is a marker");
        assertTrue(page.contains("<th>P/L difference (what-if minus recorded limits)</th>"), "the P/L difference is shown");
        assertTrue(page.contains("risk.equityFloor=9999.9"), "the change is named");
    }

    @Test
    void theSameLimitsGiveTheSameRun()
    {
        assertEquals(0, run("journal", "what-if", journal.toString(), "--set", "risk.maxDrawdownPercent=20"), stderr);
        assertTrue(stdout.contains("P/L difference (what-if minus recorded limits): 0.00"), stdout);
        assertEquals(number("trades executed", 1), number("trades executed", 2), stdout);
    }

    @Test
    void toScenarioWritesAScenarioThatRunsLikeTheWhatIfsReference() throws IOException
    {
        final Path scenario = dir.resolve("day.jsonl");
        assertEquals(0, run("journal", "to-scenario", journal.toString(), "--out", scenario.toString()), stderr);
        final List<String> lines = Files.readAllLines(scenario);
        assertTrue(lines.stream().anyMatch(l -> l.equals("{\"t\":0,\"type\":\"config\",\"risk.maxDrawdownPercent\":20}")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"t\":0,\"type\":\"config\",\"scenario.startTime\":\"")), "day boundaries");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"tick\",\"symbol\":\"EURUSD\"")), "the market");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"type\":\"signal\",\"id\":\"demo-")), "the signals");
        assertTrue(lines.get(lines.size() - 1).matches("\\{\"t\":\\d+,\"type\":\"end\"}"), lines.get(lines.size() - 1));

        final Path events = dir.resolve("day-events.jsonl");
        assertEquals(0, run("scenario", scenario.toString(), "--out", events.toString()), stderr);
        final long trades = Files.readAllLines(events).stream().filter(l -> l.contains("\"type\":\"TRADE_EXECUTED\"")).count();
        assertEquals(0, run("journal", "what-if", journal.toString(), "--set", "risk.equityFloor=9999.9"), stderr);
        assertEquals(trades, number("trades executed", 1), "the scenario and the what-if's reference run are the same run");

        final Path tighter = dir.resolve("tighter-events.jsonl");
        assertEquals(0, run("scenario", scenario.toString(), "--set", "risk.equityFloor=9999.9", "--out", tighter.toString()), stderr);
        assertTrue(Files.readString(tighter).contains("\"type\":\"GUARD_TRIPPED\",\"rule\":\"EQUITY_FLOOR\""));
    }

    @Test
    void aBadSettingIsNamedAndNothingRuns()
    {
        assertEquals(2, run("journal", "what-if", journal.toString(), "--set", "risk.maxDrawdownPercent=150"));
        assertTrue(stderr.contains("risk.maxDrawdownPercent = 150"), stderr);
        assertEquals(2, run("journal", "what-if", journal.toString(), "--set", "risk.maxDrawdown=10"));
        assertTrue(stderr.contains("unknown configuration key 'risk.maxDrawdown'"), stderr);
        assertEquals(2, run("journal", "what-if", dir.resolve("nothing").toString(), "--set", "risk.maxDrawdownPercent=10"));
        assertTrue(stderr.contains("holds no journal"), stderr);
        assertEquals("", stdout);
    }

    private String line(final String label)
    {
        return stdout.lines().filter(l -> l.startsWith(label)).findFirst().orElseThrow(() -> new AssertionError(label + " in " + stdout)).trim();
    }

    private int number(final String label, final int column)
    {
        final Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(\\d+)\\s+(\\d+)").matcher(line(label));
        assertTrue(m.matches(), line(label));
        return Integer.parseInt(m.group(column));
    }
}

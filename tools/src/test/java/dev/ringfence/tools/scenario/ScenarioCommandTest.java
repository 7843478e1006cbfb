package dev.ringfence.tools.scenario;

import dev.ringfence.tools.RingfenceCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The {@code scenario} command's contract: exit 0 and events out, or exit 2 naming the line and problem. */
class ScenarioCommandTest
{
    @TempDir
    Path dir;

    private String stderr;

    private int run(final String... args)
    {
        final PrintStream originalErr = System.err;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try
        {
            return RingfenceCli.commandLine().execute(args);
        }
        finally
        {
            System.setErr(originalErr);
            stderr = err.toString(StandardCharsets.UTF_8);
        }
    }

    private Path file(final String... lines) throws IOException
    {
        final Path path = dir.resolve("s.jsonl");
        Files.write(path, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return path;
    }

    @Test
    void writesTheEventsToTheOutputFile() throws IOException
    {
        final Path in = file(
            "# a comment",
            "",
            "{\"t\":0,\"type\":\"tick\",\"symbol\":\"EURUSD\",\"bid\":1.1,\"ask\":1.1001}",
            "{\"t\":10,\"type\":\"end\"}");
        final Path out = dir.resolve("out.jsonl");
        assertEquals(0, run("scenario", in.toString(), "--out", out.toString()), stderr);
        final String events = Files.readString(out);
        assertTrue(events.startsWith("{\"t\":0,\"type\":\"LOOP_STARTED\""), events);
        assertTrue(events.endsWith("{\"t\":10,\"type\":\"LOOP_STOPPED\",\"openPositions\":0,\"pendingOrders\":0}\n"), events);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"t\":0,\"type\":\"tick\",\"symbol\":\"EURUSD\"}                         | line 2: 'bid' must be a number",
        "{\"t\":0,\"type\":\"tick\",\"symbol\":\"EURUSD\"                          | line 2: not a JSON object",
        "not json                                                                  | line 2: not a JSON object",
        "{\"type\":\"end\"}                                                        | line 2: 't' must be",
        "{\"t\":-5,\"type\":\"end\"}                                               | line 2: 't' must be",
        "{\"t\":0,\"type\":\"teleport\"}                                           | line 2: 'type' must be one of",
        "{\"t\":0,\"type\":\"signal\",\"id\":\"a\",\"symbol\":\"EURUSD\",\"side\":\"UP\",\"volume\":1} | line 2: 'side' must be BUY or SELL",
        "{\"t\":0,\"type\":\"signal\",\"id\":\"a\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":1,\"colour\":1} | line 2: unknown field 'colour'",
        "{\"t\":0,\"type\":\"tick\",\"symbol\":\"EURUSD\",\"bid\":1.2,\"ask\":1.1} | line 2: tick needs 0 < bid <= ask",
        "{\"t\":0,\"type\":\"tick\",\"symbol\":\"ZZZ\",\"bid\":1.1,\"ask\":1.2}   | line 2: tick for unknown symbol 'ZZZ'",
        "{\"t\":0,\"type\":\"fault\",\"kind\":\"meteor\"}                          | line 2: fault 'kind' must be one of",
        "{\"t\":0,\"type\":\"admin\",\"command\":\"EXPLODE\"}                      | line 2: 'command' must be one of",
        "{\"t\":0,\"type\":\"config\",\"risk.maxDrawdownPercent\":10}             | line 2: config lines are only allowed before the first timed event",
    })
    void aMalformedLineExitsWithTwoAndNamesTheLine(final String badLine, final String message) throws IOException
    {
        final Path in = file("{\"t\":0,\"type\":\"tick\",\"symbol\":\"EURUSD\",\"bid\":1.1,\"ask\":1.1001}", badLine.trim());
        assertEquals(2, run("scenario", in.toString()));
        assertTrue(stderr.contains(message.trim()), stderr);
    }

    @Test
    void timeGoingBackwardsIsMalformed() throws IOException
    {
        final Path in = file(
            "{\"t\":500,\"type\":\"tick\",\"symbol\":\"EURUSD\",\"bid\":1.1,\"ask\":1.2}",
            "{\"t\":400,\"type\":\"end\"}");
        assertEquals(2, run("scenario", in.toString()));
        assertTrue(stderr.contains("line 2: 't' = 400 goes back in time"), stderr);
    }

    @Test
    void anInvalidConfigurationExitsWithTwoAndNamesTheKey() throws IOException
    {
        final Path in = file("{\"t\":0,\"type\":\"end\"}");
        assertEquals(2, run("scenario", in.toString(), "--set", "risk.maxDrawdownPercent=150"));
        assertTrue(stderr.contains("risk.maxDrawdownPercent = 150: outside the allowed range 1..99"), stderr);
    }

    @Test
    void aMissingFileExitsWithTwo()
    {
        assertEquals(2, run("scenario", dir.resolve("nope.jsonl").toString()));
        assertTrue(stderr.contains("no such file"), stderr);
    }
}

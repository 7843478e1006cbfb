package dev.ringfence.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Errors a new user meets at start: each is one line on standard error that names the file, key, port or
 * directory and says what to do, with a non-zero exit and no stack trace.
 */
class StartErrorsTest
{
    @TempDir
    Path dir;

    private String stderr;

    private int run(final String... args)
    {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try
        {
            return RingfenceCli.commandLine().execute(args);
        }
        finally
        {
            System.setOut(out);
            System.setErr(err);
            stderr = capturedErr.toString(StandardCharsets.UTF_8);
        }
    }

    /** One line, naming each of {@code names}, and no trace of a Java exception. */
    private void assertOneClearLine(final int exit, final String... names)
    {
        assertNotEquals(0, exit, stderr);
        assertEquals(1, stderr.lines().count(), "one line: " + stderr);
        for (final String name : names)
        {
            assertTrue(stderr.contains(name), "names " + name + ": " + stderr);
        }
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), "no stack trace: " + stderr);
    }

    private Path file(final String name, final String content) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void aConfigFileThatIsNotHoconNamesTheFileAndTheLine() throws IOException
    {
        final Path conf = file("broken.conf", "risk {\n  maxDrawdownPercent = 10\n");
        assertOneClearLine(run("run", "--paper", "--config", conf.toString()), "config file " + conf + ", line 3", "Fix the file");
    }

    @Test
    void aMissingConfigFileSaysSo()
    {
        assertOneClearLine(run("run", "--paper", "--config", dir.resolve("nowhere.conf").toString()),
            "nowhere.conf does not exist", "check the path");
    }

    @Test
    void anUnknownKeyIsNamedWithTheFileAndTheKeyItProbablyMeant() throws IOException
    {
        final Path conf = file("typo.conf", "risk.maxDrawdownPercnt = 10\n");
        assertOneClearLine(run("run", "--paper", "--config", conf.toString()),
            "unknown configuration key 'risk.maxDrawdownPercnt'", "typo.conf: 1", "did you mean 'risk.maxDrawdownPercent'?", "correct or remove it");
        assertOneClearLine(run("run", "--paper", "--set", "risk.maxDrawdown=10"), "did you mean 'risk.maxDrawdownPercent'?");
    }

    @Test
    void aBadValueNamesTheKeyWhatIsAllowedAndWhereItWasSet() throws IOException
    {
        final Path conf = file("limits.conf", "\nrisk.maxDrawdownPercent = 150\n");
        assertOneClearLine(run("run", "--paper", "--config", conf.toString()),
            "risk.maxDrawdownPercent = 150: outside the allowed range 1..99", "(set by " + conf + ", line 2)");
        assertOneClearLine(run("run", "--paper", "--set", "risk.equityFloor=-5"),
            "risk.equityFloor = -5", ">= 0", "(set by --set risk.equityFloor)");
        final Path typed = file("typed.conf", "risk.maxDrawdownPercent = ten\n");
        assertOneClearLine(run("run", "--paper", "--config", typed.toString()),
            "typed.conf: 1", "risk.maxDrawdownPercent has type STRING rather than NUMBER", "give a value of that type");
    }

    @Test
    void aTakenHttpPortIsNamedWithWhatToDo() throws IOException
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final int port = taken.getLocalPort();
            assertOneClearLine(run("run", "--paper", "--no-journal", "--duration", "5s", "--quiet", "--set", "http.port=" + port),
                "127.0.0.1:" + port, "(http.bind, http.port)", "the port is in use", "--set http.port=N");
        }
    }

    @Test
    void aTakenGatewayPortIsNamedWithWhatToDo() throws IOException
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final int port = taken.getLocalPort();
            assertOneClearLine(run("run", "--no-journal", "--duration", "5s", "--quiet", "--set", "http.port=0",
                "--set", "gateway.secret=s3cret", "--set", "gateway.port=" + port),
                "127.0.0.1:" + port, "(gateway.bind, gateway.port)", "--set gateway.port=N");
        }
    }

    @Test
    void aJournalDirectoryThatCannotBeCreatedOrIsAFileIsNamed() throws IOException
    {
        final Path notADirectory = file("plain-file", "x");
        assertOneClearLine(run("run", "--paper", "--duration", "5s", "--quiet", "--set", "http.port=0",
            "--journal", notADirectory.resolve("journal").toString()),
            "the journal directory " + notADirectory.resolve("journal") + " cannot be created", notADirectory + " is a file", "--journal DIR");
        assertOneClearLine(run("run", "--paper", "--duration", "5s", "--quiet", "--set", "http.port=0", "--journal", notADirectory.toString()),
            "the journal directory " + notADirectory + " is a file, not a directory", "--no-journal");
        assertOneClearLine(run("scenario", "../examples/drawdown-trip.jsonl", "--journal", notADirectory.resolve("j").toString()),
            "the journal directory " + notADirectory.resolve("j") + " cannot be created");
    }

    @Test
    void anEventsFileThatCannotBeWrittenIsNamed() throws IOException
    {
        final Path notADirectory = file("plain-file", "x");
        assertOneClearLine(run("run", "--paper", "--no-journal", "--duration", "5s", "--quiet", "--set", "http.port=0",
            "--out", notADirectory.resolve("events.jsonl").toString()), "cannot write the events file", "(--out)");
        assertOneClearLine(run("scenario", "../examples/drawdown-trip.jsonl", "--out", notADirectory.resolve("events.jsonl").toString()),
            "cannot write the events file", "(--out)");
    }

    @Test
    void anUnexpectedFailureIsOneLineNamingTheCommandAndItsCauses()
    {
        final picocli.CommandLine journal = RingfenceCli.commandLine().getSubcommands().get("journal");
        final PrintStream err = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        final int exit;
        try
        {
            exit = RingfenceCli.unexpected(new IllegalStateException("cannot map the queue", new IOException("No space left on device")),
                journal, null);
        }
        finally
        {
            System.setErr(err);
        }
        stderr = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, exit);
        if (System.getenv("RINGFENCE_DEBUG") == null)
        {
            assertOneClearLine(exit, "ringfence journal: cannot map the queue: No space left on device", "RINGFENCE_DEBUG=1");
        }
    }
}

package dev.ringfence.tools.journal;

import dev.ringfence.tools.RingfenceCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kills a child engine JVM with SIGKILL in the middle of a flatten and restarts it on the same journal:
 * the interrupted flatten resumes and completes, the latched guard stays latched, a signal executed
 * before the crash is a duplicate after it, and the journal replays without a single divergence.
 */
class CrashRecoveryTest
{
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void aKilledEngineResumesItsFlattenAndKeepsItsLatchAndItsIds() throws Exception
    {
        final Path journal = dir.resolve("journal");

        final Child crash = new Child("crash", journal.toString());
        final String executed = crash.await("EXECUTED ");
        crash.await("FLATTENING");
        crash.process.destroyForcibly();
        assertTrue(crash.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(137, crash.process.exitValue(), "killed by SIGKILL");
        final String[] ticketAndMagic = executed.substring("EXECUTED ".length()).split(" ");

        final Child resume = new Child("resume", journal.toString(), ticketAndMagic[0], ticketAndMagic[1]);
        final String recovered = resume.await("journal: recovered");
        assertTrue(recovered.contains("guard FLATTENING"), recovered);
        assertTrue(recovered.contains("1 open positions"), recovered);
        resume.await("EVENT FLATTEN_COMPLETED");
        resume.await("EVENT GUARD_STATE_CHANGED LOCKED");
        assertEquals("REJECTED DUPLICATE", resume.await("REJECTED "));
        resume.await("DONE");
        assertTrue(resume.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, resume.process.exitValue(), resume.output());

        final Child status = new Child("status", journal.toString());
        assertTrue(status.await("journal: recovered").contains("guard LOCKED"), "a latched guard stays latched");
        status.await("EVENT TERMINAL_DISCONNECTED");
        status.await("EVENT LOOP_STARTED"); // a close right after start still processes the start-up inputs
        assertTrue(status.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));

        assertEquals(0, RingfenceCli.commandLine().execute("journal", "replay", journal.toString(), "--verify"),
            "the journal of a crashed and recovered engine replays exactly");
    }

    /** A child JVM running {@link CrashTestEngine}, its output lines queued for the test. */
    private static final class Child
    {
        final Process process;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        Child(final String... args) throws IOException
        {
            final List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(Arrays.asList(Files.readString(Paths.get("target/jvm.options")).trim().split("\\s+")));
            command.add("-cp");
            command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            command.add(CrashTestEngine.class.getName());
            command.addAll(Arrays.asList(args));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final Thread reader = new Thread(() ->
            {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
                {
                    String line;
                    while ((line = in.readLine()) != null)
                    {
                        lines.add(line);
                    }
                }
                catch (final IOException ignored)
                {
                    // the child was killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The first line starting with {@code prefix}; fails (with everything seen) if none comes. */
        String await(final String prefix) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline)
            {
                final String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null)
                {
                    seen.add(line);
                    if (line.startsWith(prefix))
                    {
                        return line;
                    }
                }
            }
            return fail("no line starting with '" + prefix + "' from the child; it printed:\n" + output());
        }

        String output()
        {
            return String.join("\n", seen);
        }
    }
}

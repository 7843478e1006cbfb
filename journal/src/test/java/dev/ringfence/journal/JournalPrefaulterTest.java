package dev.ringfence.journal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-faulter's policy, on a recorded system call: which ranges it asks the kernel to populate, and when it stops. */
class JournalPrefaulterTest
{
    private static final long MAPPING = 0x7f00_0000_0000L;
    private static final long WINDOW = 1 << 20;
    private static final long CHUNK = 64L << 20;

    private final List<long[]> calls = new ArrayList<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private int errno;
    private long freeBytes = Long.MAX_VALUE;

    private final JournalPrefaulter prefaulter = new JournalPrefaulter((address, length) ->
    {
        calls.add(new long[] {address, length});
        return errno;
    }, WINDOW, () -> freeBytes, new PrintStream(logged, true, StandardCharsets.UTF_8));

    private void runUntilIdle()
    {
        for (int round = 0; round < 1_000 && prefaulter.doWork() > 0; round++)
        {
            // each round is one call per writer
        }
    }

    /** The populated range as one span; fails if the calls left a hole or overlapped. */
    private long[] span()
    {
        final long start = calls.get(0)[0];
        long end = start;
        for (final long[] call : calls)
        {
            assertEquals(end, call[0], "calls are contiguous");
            end += call[1];
        }
        return new long[] {start, end};
    }

    @Test
    void populatesOneWindowAheadOfTheWriterInBoundedCalls()
    {
        prefaulter.frontier().publish(MAPPING + 100, MAPPING + CHUNK);

        runUntilIdle();

        assertEquals(MAPPING, span()[0], "from the writer's page");
        assertEquals(MAPPING + 100 + WINDOW & -JournalPrefaulter.PAGE_BYTES, span()[1], "to a window past the writer, whole pages");
        assertTrue(calls.stream().allMatch(call -> call[1] <= JournalPrefaulter.CALL_BYTES && call[0] % JournalPrefaulter.PAGE_BYTES == 0));
    }

    @Test
    void nothingWhileNoWriterHasPublished()
    {
        prefaulter.frontier();

        assertEquals(0, prefaulter.doWork());
        assertTrue(calls.isEmpty());
    }

    @Test
    void neverPastTheEndOfTheWritersMapping()
    {
        prefaulter.frontier().publish(MAPPING, MAPPING + 300_000);

        runUntilIdle();

        assertEquals(MAPPING + 300_000 & -JournalPrefaulter.PAGE_BYTES, span()[1]);
    }

    @Test
    void aWriterThatMovesOnWithinTheWindowCostsOnlyTheNewPages()
    {
        final WriteFrontier frontier = prefaulter.frontier();
        frontier.publish(MAPPING, MAPPING + CHUNK);
        runUntilIdle();
        calls.clear();

        frontier.publish(MAPPING + 65_536, MAPPING + CHUNK);
        runUntilIdle();

        assertEquals(MAPPING + WINDOW, span()[0], "from where the last window ended");
        assertEquals(MAPPING + 65_536 + WINDOW, span()[1]);
    }

    @Test
    void aWriterInANewChunkIsFollowedThere()
    {
        final WriteFrontier frontier = prefaulter.frontier();
        frontier.publish(MAPPING, MAPPING + CHUNK);
        runUntilIdle();
        calls.clear();

        final long next = MAPPING + 2 * CHUNK;
        frontier.publish(next, next + CHUNK);
        runUntilIdle();

        assertEquals(next, span()[0]);
        assertEquals(next + WINDOW, span()[1]);
    }

    @Test
    void aWriterThatOvertookThePrefaulterIsFollowedFromWhereItIs()
    {
        final WriteFrontier frontier = prefaulter.frontier();
        frontier.publish(MAPPING, MAPPING + CHUNK);
        runUntilIdle();
        calls.clear();

        frontier.publish(MAPPING + 3 * WINDOW, MAPPING + CHUNK);
        runUntilIdle();

        assertEquals(MAPPING + 3 * WINDOW, span()[0], "no time spent on pages the writer already faulted");
    }

    @Test
    void everyWriterIsServedInTurn()
    {
        prefaulter.frontier().publish(MAPPING, MAPPING + CHUNK);
        prefaulter.frontier().publish(MAPPING + 4 * CHUNK, MAPPING + 5 * CHUNK);

        assertEquals(2, prefaulter.doWork(), "one call for each writer in a round");
        assertEquals(MAPPING, calls.get(0)[0]);
        assertEquals(MAPPING + 4 * CHUNK, calls.get(1)[0]);
    }

    @Test
    void anUnmappedChunkIsLeftUntilTheWriterPublishesAgain()
    {
        final WriteFrontier frontier = prefaulter.frontier();
        frontier.publish(MAPPING, MAPPING + CHUNK);
        errno = JournalPrefaulter.ENOMEM;
        assertEquals(0, prefaulter.doWork());
        assertEquals(0, prefaulter.doWork());
        assertEquals(1, calls.size(), "not asked again for the same publication");

        errno = 0;
        frontier.publish(MAPPING + 65_536, MAPPING + CHUNK);
        runUntilIdle();

        assertTrue(calls.size() > 1, "resumed at the next publication");
        assertEquals("", logged.toString(StandardCharsets.UTF_8), "an unmapped chunk is routine, not news");
    }

    @Test
    void aKernelWithoutTheCallTurnsPrefaultingOffWithOneLine()
    {
        final WriteFrontier frontier = prefaulter.frontier();
        frontier.publish(MAPPING, MAPPING + CHUNK);
        errno = JournalPrefaulter.EINVAL;

        prefaulter.doWork();
        frontier.publish(MAPPING + 65_536, MAPPING + CHUNK);
        prefaulter.doWork();

        assertEquals(1, calls.size());
        final String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.lines().count());
        assertTrue(log.contains("cannot pre-fault") && log.contains("take the page faults themselves"), log);
    }

    @Test
    void aMissingNativeLibraryTurnsPrefaultingOffWithOneLine()
    {
        final JournalPrefaulter broken = new JournalPrefaulter((address, length) ->
        {
            throw new UnsatisfiedLinkError("no jnidispatch");
        }, WINDOW, () -> freeBytes, new PrintStream(logged, true, StandardCharsets.UTF_8));
        final WriteFrontier frontier = broken.frontier();
        frontier.publish(MAPPING, MAPPING + CHUNK);

        assertEquals(0, broken.doWork());
        frontier.publish(MAPPING + 65_536, MAPPING + CHUNK);
        assertEquals(0, broken.doWork());

        assertEquals(1, logged.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void anyOtherRefusalIsSaidOnceAndTheNextPublicationIsTried()
    {
        final WriteFrontier frontier = prefaulter.frontier();
        frontier.publish(MAPPING, MAPPING + CHUNK);
        prefaulter.doWork();
        calls.clear();
        errno = 14; // EFAULT, say
        frontier.publish(MAPPING + 3 * WINDOW, MAPPING + CHUNK);
        prefaulter.doWork();
        frontier.publish(MAPPING + 4 * WINDOW, MAPPING + CHUNK);
        prefaulter.doWork();

        assertEquals(2, calls.size(), "each new publication is tried");
        assertEquals(1, logged.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void pausesWhileTheDiskCouldNotHoldEveryWindowAboveTheJournalsReserve()
    {
        prefaulter.frontier().publish(MAPPING, MAPPING + CHUNK);
        prefaulter.frontier().publish(MAPPING + 4 * CHUNK, MAPPING + 5 * CHUNK);
        freeBytes = FreeSpace.MIN_FREE_BYTES + 2 * WINDOW - 1;

        assertEquals(0, prefaulter.doWork());
        assertEquals(0, prefaulter.doWork());

        assertTrue(calls.isEmpty());
        final String log = logged.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.lines().count(), log);
        assertTrue(log.contains("paused"), log);
    }

    @Test
    void resumesWhenSpaceReturnsAndSaysSo()
    {
        prefaulter.frontier().publish(MAPPING, MAPPING + CHUNK);
        freeBytes = 0;
        prefaulter.doWork();

        freeBytes = FreeSpace.MIN_FREE_BYTES + WINDOW;
        runUntilIdle();

        assertEquals(MAPPING + WINDOW, span()[1]);
        assertTrue(logged.toString(StandardCharsets.UTF_8).endsWith("journal: pre-faulting resumed" + System.lineSeparator()));
    }
}

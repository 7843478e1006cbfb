package dev.ringfence.journal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-faulter's policy, on a recorded system call: which pages it asks the kernel for, and when it stops. */
class JournalPrefaulterTest
{
    private static final long PAGE = JournalPrefaulter.PAGE_BYTES;
    private static final long MAPPING = 0x7f00_0000_0000L;
    private static final long WINDOW = 16 * PAGE;
    private static final long CHUNK = 64L << 20;

    private final List<Long> pages = new ArrayList<>();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private int errno;
    private long freeBytes = Long.MAX_VALUE;

    private final JournalPrefaulter prefaulter = new JournalPrefaulter((address, length) ->
    {
        assertEquals(PAGE, length, "one page per call");
        pages.add(address);
        return errno;
    }, WINDOW, () -> freeBytes, new PrintStream(logged, true, StandardCharsets.UTF_8));

    private void quiet(final int times)
    {
        for (int i = 0; i < times; i++)
        {
            prefaulter.quiet();
        }
    }

    private void afterBatch(final int times)
    {
        for (int i = 0; i < times; i++)
        {
            prefaulter.afterBatch();
        }
    }

    private String log()
    {
        return logged.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aQuietMomentPopulatesAFewPagesFromTheWritersPage()
    {
        prefaulter.at(MAPPING + 100, MAPPING + CHUNK);

        quiet(1);

        assertEquals(List.of(MAPPING, MAPPING + PAGE, MAPPING + 2 * PAGE, MAPPING + 3 * PAGE), pages);
        assertEquals(JournalPrefaulter.QUIET_PAGES, pages.size());
    }

    @Test
    void quietMomentsStopAWindowAheadOfTheWriter()
    {
        prefaulter.at(MAPPING + 100, MAPPING + CHUNK);

        quiet(100);

        assertEquals(WINDOW / PAGE, pages.size(), "the pages holding [writer, writer + window)");
        assertEquals(MAPPING + WINDOW - PAGE, pages.get(pages.size() - 1));
    }

    @Test
    void aBatchEndPopulatesOnePageAndOnlyWhileLessThanHalfTheWindowIsLeft()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);

        afterBatch(1);
        assertEquals(List.of(MAPPING), pages, "one page at a time");

        afterBatch(100);
        assertEquals(WINDOW / PAGE / 2, pages.size(), "up to half the window");
    }

    @Test
    void aBurstRunsOnPagesPopulatedWhileTheRingWasQuiet()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        quiet(100);
        pages.clear();

        for (int entry = 1; entry <= 4; entry++)
        {
            prefaulter.at(MAPPING + entry * PAGE, MAPPING + CHUNK); // the burst writes four pages' worth
            afterBatch(1);
        }

        assertTrue(pages.isEmpty(), "no page faulted in during the burst: " + pages);
    }

    @Test
    void nothingBeforeTheFirstEntry()
    {
        quiet(3);

        assertTrue(pages.isEmpty());
    }

    @Test
    void neverPastTheEndOfTheWritersMapping()
    {
        prefaulter.at(MAPPING, MAPPING + 3 * PAGE + 100);

        quiet(100);

        assertEquals(List.of(MAPPING, MAPPING + PAGE, MAPPING + 2 * PAGE), pages, "no part of a page beyond the mapping");
    }

    @Test
    void aWriterThatMovesOnCostsOnlyTheNewPages()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        quiet(100);
        pages.clear();

        prefaulter.at(MAPPING + 2 * PAGE, MAPPING + CHUNK);
        quiet(100);

        assertEquals(List.of(MAPPING + WINDOW, MAPPING + WINDOW + PAGE), pages);
    }

    @Test
    void aWriterInANewChunkIsFollowedThere()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        quiet(2);
        pages.clear();

        final long next = MAPPING + 2 * CHUNK;
        prefaulter.at(next + 10, next + CHUNK);
        quiet(1);

        assertEquals(next, pages.get(0));
    }

    @Test
    void aWriterThatOvertookThePrefaulterIsFollowedFromWhereItIs()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        quiet(1);
        pages.clear();

        prefaulter.at(MAPPING + 40 * PAGE + 8, MAPPING + CHUNK);
        quiet(1);

        assertEquals(MAPPING + 40 * PAGE, pages.get(0), "no time spent on pages the writer already faulted");
    }

    @Test
    void anUnmappedRangeIsLeftUntilTheWriterMoves()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        errno = JournalPrefaulter.ENOMEM;
        quiet(5);
        assertEquals(1, pages.size(), "not asked again while the writer stays");

        errno = 0;
        prefaulter.at(MAPPING + 64, MAPPING + CHUNK);
        quiet(1);

        assertEquals(1 + JournalPrefaulter.QUIET_PAGES, pages.size(), "resumed when the writer moved");
        assertEquals("", log(), "an unmapped range is routine, not news");
    }

    @Test
    void aKernelWithoutTheCallTurnsPrefaultingOffWithOneLine()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        errno = JournalPrefaulter.EINVAL;

        quiet(1);
        prefaulter.at(MAPPING + 64, MAPPING + CHUNK);
        quiet(5);

        assertEquals(1, pages.size());
        assertEquals(1, log().lines().count(), log());
        assertTrue(log().contains("cannot pre-fault") && log().contains("takes the page faults itself"), log());
    }

    @Test
    void aMissingNativeLibraryTurnsPrefaultingOffWithOneLine()
    {
        final JournalPrefaulter broken = new JournalPrefaulter((address, length) ->
        {
            throw new UnsatisfiedLinkError("no jnidispatch");
        }, WINDOW, () -> freeBytes, new PrintStream(logged, true, StandardCharsets.UTF_8));
        broken.at(MAPPING, MAPPING + CHUNK);

        broken.quiet();
        broken.at(MAPPING + 64, MAPPING + CHUNK);
        broken.quiet();

        assertEquals(1, log().lines().count(), log());
    }

    @Test
    void anyOtherRefusalIsSaidOnceAndTriedAgainWhenTheWriterMoves()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        quiet(1);
        errno = 14; // EFAULT, say
        quiet(1);
        prefaulter.at(MAPPING + 64, MAPPING + CHUNK);
        quiet(1);

        assertEquals(JournalPrefaulter.QUIET_PAGES + 2, pages.size(), "one refused call at each place the writer was");
        assertEquals(1, log().lines().count(), log());
    }

    @Test
    void pausesWhileTheDiskCouldNotHoldTheWindowAboveTheJournalsReserve()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        freeBytes = FreeSpace.MIN_FREE_BYTES + WINDOW - 1;

        quiet(3);

        assertTrue(pages.isEmpty());
        assertEquals(1, log().lines().count(), log());
        assertTrue(log().contains("paused"), log());
    }

    @Test
    void resumesWhenSpaceReturnsAndSaysSo()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        freeBytes = 0;
        quiet(1);

        freeBytes = FreeSpace.MIN_FREE_BYTES + 2 * WINDOW;
        quiet(1);

        assertEquals(MAPPING, pages.get(0));
        assertTrue(log().endsWith("journal: pre-faulting resumed" + System.lineSeparator()), log());
    }

    @Test
    void aZeroWindowIsOff()
    {
        final JournalPrefaulter none = new JournalPrefaulter((address, length) ->
        {
            pages.add(address);
            return 0;
        }, 0, () -> freeBytes, new PrintStream(logged, true, StandardCharsets.UTF_8));
        none.at(MAPPING, MAPPING + CHUNK);

        none.quiet();

        assertTrue(pages.isEmpty());
    }

    @Test
    void aFigureHoveringAtTheEdgeIsNotNewsAtEverySample()
    {
        prefaulter.at(MAPPING, MAPPING + CHUNK);
        for (int sample = 0; sample < 10; sample++)
        {
            freeBytes = FreeSpace.MIN_FREE_BYTES + WINDOW - (sample % 2 == 0 ? 1 : -1);
            quiet(1);
        }

        assertEquals(1, log().lines().count(), log());
        assertTrue(pages.isEmpty(), "still paused: it resumes only with a window to spare");
    }
}

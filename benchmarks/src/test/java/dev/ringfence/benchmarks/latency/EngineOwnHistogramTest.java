package dev.ringfence.benchmarks.latency;

import dev.ringfence.engine.StatusBoard;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's own latency record (what /metrics and /status serve) against the harness's: the same events
 * give the same shares at every bound, and a real engine under the harness records exactly what the harness saw.
 */
class EngineOwnHistogramTest
{
    @TempDir
    Path dir;

    private static Histogram harnessOf(final List<Long> nanos)
    {
        final Histogram h = new Histogram(Harness.HIGHEST_NANOS, 3);
        nanos.forEach(h::recordValue);
        return h;
    }

    private static EngineOwnHistogram ownOf(final List<Long> nanos)
    {
        final StatusBoard board = new StatusBoard();
        final long[] before = board.latencyBuckets();
        nanos.forEach(board::recordLatency);
        return EngineOwnHistogram.since(before, board);
    }

    @Property
    void theSameLatenciesAgreeAtEveryComparedPercentile(
        @ForAll @Size(min = 1, max = 200) final List<@LongRange(min = 0, max = 20_000_000) Long> nanos)
    {
        final EngineOwnHistogram own = ownOf(nanos);

        assertEquals(nanos.size(), own.count());
        assertTrue(own.agreesWith(harnessOf(nanos)));
    }

    @Test
    void anEngineThatSawTwiceTheHarnesssLatencyDoesNotAgree()
    {
        final List<Long> nanos = Collections.nCopies(100, 30_000L);
        final List<Long> doubled = Collections.nCopies(100, 60_000L);

        assertFalse(ownOf(doubled).agreesWith(harnessOf(nanos)), "the 100 µs bucket against the 50 µs one");
        assertFalse(ownOf(nanos.subList(0, 99)).agreesWith(harnessOf(nanos)), "one event missing");
    }

    @Property
    void thePercentilesBoundIsTheFirstBoundAtOrAboveTheHarnesssPercentile(
        @ForAll @Size(min = 1, max = 200) final List<@LongRange(min = 0, max = 20_000_000) Long> nanos)
    {
        final List<Long> sorted = nanos.stream().sorted().toList();
        final long p99 = sorted.get((int)Math.ceil(0.99 * sorted.size()) - 1);

        final double bound = ownOf(nanos).upperBoundMicros(99);

        double expected = Double.POSITIVE_INFINITY;
        for (final double micros : StatusBoard.LATENCY_BOUNDS_MICROS)
        {
            if (p99 <= micros * 1_000)
            {
                expected = micros;
                break;
            }
        }
        assertEquals(expected, bound);
    }

    @Test
    void onlyTheStretchSinceTheSnapshotCounts()
    {
        final StatusBoard board = new StatusBoard();
        board.recordLatency(50_000_000); // warm-up, above every bound
        final long[] before = board.latencyBuckets();
        board.recordLatency(1_500);

        final EngineOwnHistogram own = EngineOwnHistogram.since(before, board);

        assertEquals(1, own.count());
        assertEquals(2.0, own.upperBoundMicros(100));
    }

    @Test
    void aRealEngineRecordsWhatTheHarnessMeasuredForTheSameEvents() throws Exception
    {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final TrialResult result = new TrialRunner(new PrintStream(printed, true, StandardCharsets.UTF_8))
            .run(new EnginePipeline("yielding", true, dir, false), LoadSchedule.steady(20_000), 1, 1);

        assertEquals(result.events, result.ownHistogram.count(), "every measured event, once");
        assertEquals(result.histogram.getTotalCount(), result.ownHistogram.count());
        assertTrue(result.ownHistogram.agreesWith(result.histogram), result.ownHistogram.summary(result.histogram));
    }
}

package dev.ringfence.benchmarks.latency;

import dev.ringfence.engine.StatusBoard;
import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * The latency the engine records about itself over a measured stretch: the buckets {@link StatusBoard} keeps,
 * which {@code /metrics} serves as {@code ringfence_event_processing_seconds} and {@code /status} as
 * {@code latency}. The engine measures each event from its stamp to the logic's decision; under the harness
 * the stamp is the planned send time, so both figures cover the same events over the same span, and
 * {@link #agreesWith} shows whether the operator's view puts them where the harness does. In a live run the
 * stamp is the moment an adapter published the event.
 */
final class EngineOwnHistogram
{
    private static final double[] BOUNDS_MICROS = StatusBoard.LATENCY_BOUNDS_MICROS;

    /** Events per bucket over the stretch; the last holds every event above the highest bound. */
    private final long[] buckets;

    EngineOwnHistogram(final long[] buckets)
    {
        this.buckets = buckets.clone();
    }

    /** The buckets a board gained between {@code before} (a copy taken by {@link StatusBoard#latencyBuckets}) and now. */
    static EngineOwnHistogram since(final long[] before, final StatusBoard board)
    {
        final long[] now = board.latencyBuckets();
        for (int i = 0; i < now.length; i++)
        {
            now[i] -= before[i];
        }
        return new EngineOwnHistogram(now);
    }

    long count()
    {
        long sum = 0;
        for (final long n : buckets)
        {
            sum += n;
        }
        return sum;
    }

    /** The upper bound of the bucket the {@code percentile}-th event falls in; infinite above the last bound. */
    double upperBoundMicros(final double percentile)
    {
        final int bucket = bucketAt(percentile);
        return bucket < BOUNDS_MICROS.length ? BOUNDS_MICROS[bucket] : Double.POSITIVE_INFINITY;
    }

    /** The bucket the {@code percentile}-th event falls in; the last one above every bound. */
    private int bucketAt(final double percentile)
    {
        final double rank = Math.ceil(percentile / 100.0 * count());
        long cumulative = 0;
        for (int i = 0; i < BOUNDS_MICROS.length; i++)
        {
            cumulative += buckets[i];
            if (cumulative >= rank)
            {
                return i;
            }
        }
        return BOUNDS_MICROS.length;
    }

    /** The percentiles the summary compares. */
    private static final double[] COMPARED = {50, 90, 99};

    /**
     * Whether the engine's bucket for {@code percentile} is the harness's, or the one below: the engine reads
     * its clock inside the logic, a few hundred nanoseconds before the harness does, so an event close above a
     * bound for the harness may be just below it for the engine, never the other way.
     */
    boolean agreesWith(final Histogram harness, final double percentile)
    {
        final int own = bucketAt(percentile);
        final int theirs = StatusBoard.latencyBucketOf(harness.getValueAtPercentile(percentile));
        return own == theirs || own == theirs - 1;
    }

    /** Whether every compared percentile agrees and both counted the same events. */
    boolean agreesWith(final Histogram harness)
    {
        boolean all = count() == harness.getTotalCount();
        for (final double p : COMPARED)
        {
            all &= agreesWith(harness, p);
        }
        return all;
    }

    /** One line for the summary: the engine's own figures beside the harness's. */
    String summary(final Histogram harness)
    {
        final StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
            "the engine's own view (/metrics ringfence_event_processing_seconds, /status latency): %,d events (harness %,d);",
            count(), harness.getTotalCount()));
        for (final double p : COMPARED)
        {
            b.append(String.format(Locale.ROOT, " p%.0f <= %s µs (harness %.2f)", p, bound(upperBoundMicros(p)),
                harness.getValueAtPercentile(p) / 1000.0));
        }
        return b.append(agreesWith(harness) ? "; the same buckets" : "; NOT the same buckets").toString();
    }

    String toJson(final Histogram harness)
    {
        return String.format(Locale.ROOT, "{\"events\":%d,\"p50UpperBoundMicros\":%s,\"p90UpperBoundMicros\":%s,\"p99UpperBoundMicros\":%s,\"agrees\":%b}",
            count(), jsonBound(upperBoundMicros(50)), jsonBound(upperBoundMicros(90)), jsonBound(upperBoundMicros(99)), agreesWith(harness));
    }

    private static String bound(final double micros)
    {
        return Double.isInfinite(micros) ? "inf" : String.format(Locale.ROOT, "%,.0f", micros);
    }

    private static String jsonBound(final double micros)
    {
        return Double.isInfinite(micros) ? "null" : String.format(Locale.ROOT, "%.0f", micros);
    }
}

package dev.ringfence.tools.journal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The display decimation loses no extreme: in every time bucket the lowest and highest value of each series survive. */
class DecimationTest
{
    /** A series: sorted times (with repeats and gaps) and two value columns, NaN now and then. */
    static final class Samples
    {
        final long[] t;
        final double[] a;
        final double[] b;

        Samples(final List<Long> steps, final List<Double> a, final List<Double> b)
        {
            final int n = Math.min(steps.size(), Math.min(a.size(), b.size()));
            this.t = new long[n];
            this.a = new double[n];
            this.b = new double[n];
            long time = 1_767_571_200_000L;
            for (int i = 0; i < n; i++)
            {
                time += steps.get(i);
                t[i] = time;
                this.a[i] = a.get(i);
                this.b[i] = b.get(i);
            }
        }

        @Override
        public String toString()
        {
            return t.length + " samples";
        }
    }

    @Provide
    Arbitrary<Samples> samples()
    {
        final Arbitrary<Long> step = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 50)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 100_000)));
        final Arbitrary<Double> value = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, Arbitraries.doubles().between(-1e6, 1e6)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Double.NaN)));
        return Combinators.combine(step.list().ofMinSize(1).ofMaxSize(3_000), value.list().ofSize(3_000), value.list().ofSize(3_000))
            .as(Samples::new);
    }

    @Property(tries = 300)
    void everyBucketKeepsItsLowestAndHighestValueOfEverySeries(
        @ForAll("samples") final Samples s, @ForAll @IntRange(min = 1, max = 400) final int buckets)
    {
        final int n = s.t.length;
        final int[] kept = Decimation.keep(s.t, n, buckets, s.a, s.b);

        for (int k = 1; k < kept.length; k++)
        {
            assertTrue(kept[k] > kept[k - 1], "ascending and distinct");
        }
        assertEquals(0, kept[0], "the first sample is kept");
        assertEquals(n - 1, kept[kept.length - 1], "the last sample is kept");
        assertTrue(kept.length <= 2 * buckets * 2 + 2 || kept.length == n, "at most two per series per bucket, and the ends");

        final double span = (double)(s.t[n - 1] - s.t[0]) + 1;
        for (final double[] values : List.of(s.a, s.b))
        {
            final double[] min = new double[buckets];
            final double[] max = new double[buckets];
            Arrays.fill(min, Double.NaN);
            Arrays.fill(max, Double.NaN);
            for (int i = 0; i < n; i++)
            {
                final int bucket = Decimation.bucketOf(s.t[i], s.t[0], span, buckets);
                final double v = values[i];
                if (!Double.isNaN(v))
                {
                    min[bucket] = Double.isNaN(min[bucket]) ? v : Math.min(min[bucket], v);
                    max[bucket] = Double.isNaN(max[bucket]) ? v : Math.max(max[bucket], v);
                }
            }
            final boolean[] minKept = new boolean[buckets];
            final boolean[] maxKept = new boolean[buckets];
            for (final int i : kept)
            {
                final int bucket = Decimation.bucketOf(s.t[i], s.t[0], span, buckets);
                minKept[bucket] |= values[i] == min[bucket];
                maxKept[bucket] |= values[i] == max[bucket];
            }
            for (int bucket = 0; bucket < buckets; bucket++)
            {
                if (!Double.isNaN(min[bucket]))
                {
                    assertTrue(minKept[bucket], "the lowest value of bucket " + bucket + " survives");
                    assertTrue(maxKept[bucket], "the highest value of bucket " + bucket + " survives");
                }
            }
        }
    }

    @Property(tries = 5)
    void aMillionSamplesComeDownToAFewPerBucket(@ForAll @IntRange(min = 100, max = 4_000) final int buckets)
    {
        final int n = 1_000_000;
        final long[] t = new long[n];
        final double[] equity = new double[n];
        final double[] drawdown = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = i * 86L;
            equity[i] = 10_000 + Math.sin(i / 1_000.0) * 50;
            drawdown[i] = i == 777_777 ? 42 : 0.5;
        }
        final int[] kept = Decimation.keep(t, n, buckets, equity, drawdown);
        assertTrue(kept.length <= 4 * buckets + 2, kept.length + " kept");
        assertTrue(Arrays.binarySearch(kept, 777_777) >= 0, "a one-sample spike survives");
    }
}

package dev.ringfence.tools.journal;

import java.util.Arrays;

/**
 * Thins a long series for display without losing what matters on a chart: the time range is cut into
 * equal buckets (one per pixel, or per few), and in every bucket the samples holding the lowest and the
 * highest value of each series are kept, with the first and last sample of the range. A spike that lasted
 * one sample in a million is still drawn. The report's script does the same per zoom window.
 */
final class Decimation
{
    private Decimation()
    {
    }

    /**
     * The indices to keep, ascending and distinct.
     *
     * @param t       sample times, never decreasing, the first {@code count} in use.
     * @param count   how many samples are in use.
     * @param buckets how many equal time buckets to cut {@code [t[0], t[count - 1]]} into, at least 1.
     * @param series  the values, each indexed like {@code t}; NaN values are never chosen as extremes.
     */
    static int[] keep(final long[] t, final int count, final int buckets, final double[]... series)
    {
        if (buckets < 1)
        {
            throw new IllegalArgumentException("buckets must be at least 1: " + buckets);
        }
        if (count <= 2 * buckets * Math.max(1, series.length) + 2)
        {
            final int[] all = new int[count];
            for (int i = 0; i < count; i++)
            {
                all[i] = i;
            }
            return all;
        }
        final long first = t[0];
        final double span = (double)(t[count - 1] - first) + 1;
        final int[] kept = new int[2 * buckets * series.length + 2];
        int size = 0;
        kept[size++] = 0;
        int start = 0;
        while (start < count)
        {
            final int bucket = bucketOf(t[start], first, span, buckets);
            int end = start + 1;
            while (end < count && bucketOf(t[end], first, span, buckets) == bucket)
            {
                end++;
            }
            for (final double[] values : series)
            {
                int min = -1;
                int max = -1;
                for (int i = start; i < end; i++)
                {
                    final double v = values[i];
                    if (Double.isNaN(v))
                    {
                        continue;
                    }
                    if (min < 0 || v < values[min])
                    {
                        min = i;
                    }
                    if (max < 0 || v > values[max])
                    {
                        max = i;
                    }
                }
                if (min >= 0)
                {
                    kept[size++] = min;
                    kept[size++] = max;
                }
            }
            start = end;
        }
        kept[size++] = count - 1;
        final int[] sorted = Arrays.copyOf(kept, size);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    /** The bucket of time {@code time}: {@code floor((time - first) * buckets / span)}, at most {@code buckets - 1}. */
    static int bucketOf(final long time, final long first, final double span, final int buckets)
    {
        return Math.min(buckets - 1, (int)((time - first) * (double)buckets / span));
    }
}

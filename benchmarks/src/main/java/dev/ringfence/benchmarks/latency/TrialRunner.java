package dev.ringfence.benchmarks.latency;

import com.sun.management.ThreadMXBean;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline under the planned load, published from the calling thread on schedule (open loop):
 * warm-up, a collection between the phases, the measured stretch, then the wait until the pipeline has
 * caught up. Besides the pipeline's own latencies it measures what the pipeline's threads and the
 * publisher allocate per event, the collections, and how late the publisher sent each event.
 */
final class TrialRunner
{
    /**
     * Events per call of {@link #publishStretch}: at 100,000 events/s a 12 s warm-up makes about 4,700 calls, so the
     * optimizing compiler compiles the method itself (at 1,000 events/s it runs compiled by on-stack replacement).
     */
    private static final int STRETCH_EVENTS = 256;
    /** How long a pipeline may make no progress before the run fails. */
    private static final int STALLED_SECONDS = 30;

    private final PrintStream out;
    /** How late the publisher sent each event, reset when measuring starts (harness thread only). */
    private final Histogram lateness = new Histogram(Harness.HIGHEST_NANOS, 3);

    TrialRunner(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * Runs one pipeline: warm-up, then the measured stretch, then waits until it has caught up. The machine's
     * core-to-core round trip is measured just before the pipeline starts and just after it has stopped.
     */
    TrialResult run(final Pipeline pipeline, final LoadSchedule load, final int warmup, final int measured) throws Exception
    {
        final double hopBefore = CoreHop.roundTripNanos();
        final TrialResult result = runPipeline(pipeline, load, warmup, measured);
        return result.withCoreHops(hopBefore, CoreHop.roundTripNanos());
    }

    private TrialResult runPipeline(final Pipeline pipeline, final LoadSchedule load, final int warmup, final int measured) throws Exception
    {
        try (Pipeline p = pipeline)
        {
            p.start();
            long index = 0;
            index = pace(p, index, load, load.events(warmup), "warm-up");
            awaitCaughtUp(p, index);
            // The start-up garbage (class loading, the ring's pre-allocated entries) goes now, between the phases,
            // where no event is planned: a collection it triggers later would be charged to the measured run.
            // What the measured run allocates itself is still counted (bytes per event, GCs).
            System.gc();
            p.startMeasuring();
            final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
            threads.setThreadAllocatedMemoryEnabled(true);
            final long[] ids = p.threadIds();
            final long[] publisher = {Thread.currentThread().getId()};
            final long allocatedBefore = allocated(threads, ids);
            final long publisherBefore = allocated(threads, publisher);
            final long gcBefore = gcCount();
            final long events = load.events(measured);
            lateness.reset();
            final long started = System.nanoTime();
            final long end = pace(p, index, load, events, "measured");
            final long publishingNanos = System.nanoTime() - started;
            awaitCaughtUp(p, end);
            final long allocatedBytes = allocated(threads, ids) - allocatedBefore;
            final long publisherBytes = allocated(threads, publisher) - publisherBefore;
            final long gcs = gcCount() - gcBefore;
            final TrialResult result = new TrialResult(p.name(), load.meanRate(), (end - index) * 1e9 / publishingNanos, end - index,
                p.histogram().copy(), (double)allocatedBytes / (end - index), (double)publisherBytes / (end - index), gcs,
                p.serviceTime().copy(), lateness.copy(), p.ownHistogram(), CoreHop.NOT_MEASURED, CoreHop.NOT_MEASURED);
            out.printf(Locale.ROOT, "%-8s done: p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, max %.1f µs%n",
                p.name(), result.micros(50), result.micros(99), result.micros(99.9), result.maxMicros());
            return result;
        }
    }

    /**
     * Publishes {@code count} events on schedule from the next one; a progress line per second goes out
     * from another thread so this one allocates nothing. Returns the index after the last event.
     */
    private long pace(final Pipeline p, final long firstIndex, final LoadSchedule load, final long count, final String phase)
        throws InterruptedException
    {
        final long startNanos = System.nanoTime();
        final long startMillis = System.currentTimeMillis();
        final long[] sent = new long[1];
        // On a terminal the line is redrawn every second; in a log (CI) a plain line every five seconds.
        final boolean terminal = System.console() != null;
        final Thread progress = new Thread(() ->
        {
            try
            {
                while (!Thread.currentThread().isInterrupted())
                {
                    Thread.sleep(terminal ? 1_000 : 5_000);
                    System.err.printf(Locale.ROOT, terminal ? "\r%-8s %-8s %,12d / %,d events, backlog %,d   " :
                        "%-8s %-8s %,12d / %,d events, backlog %,d%n", p.name(), phase, sent[0], count,
                        firstIndex + sent[0] + p.startUpEvents() - p.processed());
                }
            }
            catch (final InterruptedException ignored)
            {
                // done
            }
        }, "harness-progress");
        progress.setDaemon(true);
        progress.start();
        // One short method publishes each stretch and is called thousands of times in the warm-up, so the measured
        // phase runs its compiled code from its first event. A single loop per phase ran compiled only by on-stack
        // replacement: leaving the warm-up's loop deoptimized it, and the measured phase started interpreted, beside
        // the compiler compiling it again.
        long i = 0;
        while (i < count)
        {
            i = publishStretch(p, firstIndex, load, i, Math.min(count, i + STRETCH_EVENTS), startNanos, startMillis, sent);
        }
        progress.interrupt();
        progress.join();
        if (terminal)
        {
            System.err.print("\r" + " ".repeat(90) + "\r");
        }
        return firstIndex + count;
    }

    /**
     * Publishes events {@code from} (inclusive) to {@code to} (exclusive) of a phase on schedule; returns {@code to}.
     */
    private long publishStretch(final Pipeline p, final long firstIndex, final LoadSchedule load, final long from, final long to,
        final long startNanos, final long startMillis, final long[] sent)
    {
        for (long i = from; i < to; i++)
        {
            final long planned = startNanos + load.plannedOffsetNanos(i);
            while (System.nanoTime() < planned)
            {
                Thread.onSpinWait();
            }
            // Recorded in the warm-up too, for the reason MeasuredPipeline.processedOne gives; reset when measuring starts.
            lateness.recordValue(Math.min(Harness.HIGHEST_NANOS, System.nanoTime() - planned));
            p.publish(firstIndex + i, planned, startMillis + (planned - startNanos) / 1_000_000);
            sent[0] = i + 1;
        }
        return to;
    }

    /**
     * Waits until the pipeline has processed the {@code published} events of the load (and its start-up's); fails
     * when it makes no progress for {@link #STALLED_SECONDS} seconds.
     */
    static void awaitCaughtUp(final Pipeline p, final long published)
    {
        final long expected = published + p.startUpEvents();
        long last = -1;
        long progressAt = System.nanoTime();
        long now;
        while ((now = p.processed()) < expected)
        {
            if (now != last)
            {
                last = now;
                progressAt = System.nanoTime();
            }
            else if (System.nanoTime() - progressAt > TimeUnit.SECONDS.toNanos(STALLED_SECONDS))
            {
                throw new IllegalStateException(p.name() + " stopped processing: " + now + " of " + expected + " events, "
                    + STALLED_SECONDS + " s without progress");
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + p.name(), ex);
            }
        }
    }

    private static long allocated(final ThreadMXBean threads, final long[] ids)
    {
        long sum = 0;
        for (final long id : ids)
        {
            final long bytes = threads.getThreadAllocatedBytes(id);
            if (bytes > 0)
            {
                sum += bytes;
            }
        }
        return sum;
    }

    private static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }
}

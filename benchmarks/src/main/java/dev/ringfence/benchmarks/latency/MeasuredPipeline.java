package dev.ringfence.benchmarks.latency;

import org.HdrHistogram.Histogram;

/**
 * What every pipeline measures the same way: the latency from planned send time and the service time
 * of each event, recorded by the pipeline's one processing thread, and the count of processed events.
 */
abstract class MeasuredPipeline implements Pipeline
{
    private final Histogram histogram = new Histogram(Harness.HIGHEST_NANOS, 3);
    private final Histogram serviceTime = new Histogram(Harness.HIGHEST_NANOS, 3);
    private volatile long processed;

    /**
     * On the processing thread, once per event: planned-to-decision latency and service time. The warm-up
     * records too, so the measured stretch runs the very code the JIT compiled during it: a branch first taken
     * when measuring starts would deoptimize the processing thread's hot method there, and its recompilation
     * (tens of milliseconds of the compiler's time on a core the pipeline uses) would be charged to the
     * measurement, more for a long hot method (the engine's) than for a short one (the limit's).
     */
    protected final long processedOne(final long plannedNanos, final long serviceStartNanos)
    {
        final long now = System.nanoTime();
        histogram.recordValue(Math.min(Harness.HIGHEST_NANOS, Math.max(0, now - plannedNanos)));
        serviceTime.recordValue(Math.min(Harness.HIGHEST_NANOS, Math.max(0, now - serviceStartNanos)));
        processed++; // single writer: the processing thread
        return now;
    }

    @Override
    public final long processed()
    {
        return processed;
    }

    @Override
    public final void startMeasuring()
    {
        // Caught up: the processing thread records nothing until the next event, whose publication orders these
        // resets before its recording.
        histogram.reset();
        serviceTime.reset();
        measuringStarts();
    }

    /** Called while the pipeline has caught up, as the measured stretch starts; for a pipeline's own baselines. */
    protected void measuringStarts()
    {
    }

    @Override
    public final Histogram histogram()
    {
        return histogram;
    }

    @Override
    public final Histogram serviceTime()
    {
        return serviceTime;
    }
}

package dev.ringfence.benchmarks.latency;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/** What one pipeline did in one measured run. */
final class TrialResult
{
    final String pipeline;
    final double plannedRate;
    final double achievedRate;
    final long events;
    final Histogram histogram;
    /** Allocated by the pipeline's own threads (the hot path), per event. */
    final double allocatedBytesPerEvent;
    /** Allocated by the publishing thread (the pipeline's publish call and the harness's pacing), per event. */
    final double publisherBytesPerEvent;
    final long gcCount;
    /** Time the pipeline spent on one event, and how late the publisher itself sent (both nanoseconds). */
    final Histogram serviceTime;
    final Histogram publisherLateness;
    /** What the engine recorded about itself over the same stretch (its /metrics histogram); null for other pipelines. */
    final EngineOwnHistogram ownHistogram;

    TrialResult(
        final String pipeline,
        final double plannedRate,
        final double achievedRate,
        final long events,
        final Histogram histogram,
        final double allocatedBytesPerEvent,
        final double publisherBytesPerEvent,
        final long gcCount,
        final Histogram serviceTime,
        final Histogram publisherLateness,
        final EngineOwnHistogram ownHistogram)
    {
        this.pipeline = pipeline;
        this.plannedRate = plannedRate;
        this.achievedRate = achievedRate;
        this.events = events;
        this.histogram = histogram;
        this.allocatedBytesPerEvent = allocatedBytesPerEvent;
        this.publisherBytesPerEvent = publisherBytesPerEvent;
        this.gcCount = gcCount;
        this.serviceTime = serviceTime;
        this.publisherLateness = publisherLateness;
        this.ownHistogram = ownHistogram;
    }

    double micros(final double percentile)
    {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMicros()
    {
        return histogram.getMaxValue() / 1000.0;
    }

    String toJson()
    {
        return String.format(Locale.ROOT,
            "{\"ratePerSecond\":%.0f,\"achievedRatePerSecond\":%.0f,\"events\":%d,\"p50Micros\":%.3f,\"p90Micros\":%.3f,\"p99Micros\":%.3f," +
                "\"p999Micros\":%.3f,\"p9999Micros\":%.3f,\"maxMicros\":%.3f,\"allocatedBytesPerEvent\":%.4f,\"publisherBytesPerEvent\":%.4f,\"gcCount\":%d}",
            plannedRate, achievedRate, events, micros(50), micros(90), micros(99), micros(99.9), micros(99.99), maxMicros(),
            allocatedBytesPerEvent, publisherBytesPerEvent, gcCount);
    }
}

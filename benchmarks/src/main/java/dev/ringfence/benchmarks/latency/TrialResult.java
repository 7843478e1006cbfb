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
    /** The machine's core-to-core round trip just before the pipeline started and just after it stopped (ns, {@link CoreHop}). */
    final double coreHopBeforeNanos;
    final double coreHopAfterNanos;

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
        final EngineOwnHistogram ownHistogram,
        final double coreHopBeforeNanos,
        final double coreHopAfterNanos)
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
        this.coreHopBeforeNanos = coreHopBeforeNanos;
        this.coreHopAfterNanos = coreHopAfterNanos;
    }

    /** This result with the core-to-core round trips measured around it. */
    TrialResult withCoreHops(final double beforeNanos, final double afterNanos)
    {
        return new TrialResult(pipeline, plannedRate, achievedRate, events, histogram, allocatedBytesPerEvent, publisherBytesPerEvent,
            gcCount, serviceTime, publisherLateness, ownHistogram, beforeNanos, afterNanos);
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
                "\"p999Micros\":%.3f,\"p9999Micros\":%.3f,\"maxMicros\":%.3f,\"allocatedBytesPerEvent\":%.4f,\"publisherBytesPerEvent\":%.4f,\"gcCount\":%d," +
                "\"coreHopBeforeNanos\":%s,\"coreHopAfterNanos\":%s}",
            plannedRate, achievedRate, events, micros(50), micros(90), micros(99), micros(99.9), micros(99.99), maxMicros(),
            allocatedBytesPerEvent, publisherBytesPerEvent, gcCount, jsonNanos(coreHopBeforeNanos), jsonNanos(coreHopAfterNanos));
    }

    /** A round trip in whole nanoseconds, or null when it could not be measured. */
    private static String jsonNanos(final double nanos)
    {
        return Double.isNaN(nanos) ? "null" : String.format(Locale.ROOT, "%.0f", nanos);
    }
}

package dev.ringfence.benchmarks.latency;

import org.HdrHistogram.Histogram;

/**
 * One way of running the business logic under load. {@link #publish} is called by the harness's one
 * publisher thread at each event's planned time; the pipeline records, on its processing side, the time
 * from that planned time to the moment the event's decision was made.
 */
interface Pipeline extends AutoCloseable
{
    String name();

    /** Builds, connects and warms the logic; after this, events can be published. */
    void start() throws Exception;

    /** Publishes event {@code index} of the load, planned for {@code plannedNanos}, stamped with it. */
    void publish(long index, long plannedNanos, long epochMillis);

    /** Events fully processed so far, the start-up's included (read by the publisher thread). */
    long processed();

    /** How many of {@link #processed} were the pipeline's own start-up events, not the load's. */
    default long startUpEvents()
    {
        return 0;
    }

    /**
     * Starts the measured stretch: clears what the warm-up recorded and takes the pipeline's own baselines. Called
     * when the pipeline has processed every event published, so nothing records meanwhile.
     */
    void startMeasuring();

    /** The latency histogram, in nanoseconds. Read after the pipeline has caught up. */
    Histogram histogram();

    /** Time spent processing one event (journal and logic), nanoseconds; null when not measured. */
    Histogram serviceTime();

    /** What the pipeline recorded about its own latency since {@link #startMeasuring}, if it keeps such a record. */
    default EngineOwnHistogram ownHistogram()
    {
        return null;
    }

    /** Thread ids of the pipeline's own threads (for allocation measurement). */
    long[] threadIds();

    @Override
    void close() throws Exception;
}

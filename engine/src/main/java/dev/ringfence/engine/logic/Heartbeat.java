package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.HeartbeatData;
import org.HdrHistogram.Histogram;

/**
 * Emits {@code HEARTBEAT} every {@code heartbeat.intervalMillis} of event time with the engine's figures
 * (RISK.md section 3), including the interval's event-processing latency from an HdrHistogram that is
 * recorded into on every event and reset at each beat. Owned by the business thread; allocation-free.
 */
final class Heartbeat
{
    private static final long NONE = Long.MIN_VALUE;
    /** Latencies above a minute are clamped: something else is very wrong by then. */
    private static final long HIGHEST_TRACKED_NANOS = 60_000_000_000L;

    private final EngineConfig config;
    private final LifecycleEmitter emitter;
    private final EngineMetrics metrics;
    private final Histogram latency = new Histogram(HIGHEST_TRACKED_NANOS, 3);
    /** The beat's figures, filled in place at every beat (the emitter copies them into its event). */
    private final HeartbeatData data = new HeartbeatData();
    private long startedAtMillis = NONE;
    private long nextBeatMillis = NONE;

    private long lastSignalsReceived;
    private long lastSignalsApproved;
    private long lastSignalsRejected;
    private long lastTradesExecuted;
    private long lastTradesFailed;
    private long lastErrors;

    Heartbeat(final EngineConfig config, final LifecycleEmitter emitter, final EngineMetrics metrics)
    {
        this.config = config;
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Uptime counts from the latest start (a restart begins a new run). */
    void start(final long nowMillis)
    {
        startedAtMillis = nowMillis;
        nextBeatMillis = nowMillis + config.heartbeatIntervalMillis;
    }

    void recordLatency(final long nanos)
    {
        latency.recordValue(Math.max(0, Math.min(nanos, HIGHEST_TRACKED_NANOS)));
    }

    boolean isDue(final long nowMillis)
    {
        return nextBeatMillis != NONE && nowMillis >= nextBeatMillis;
    }

    /** Emits the beat; the caller fills the state figures it owns through {@code data} first. */
    void beat(final long nowMillis, final EngineState state)
    {
        data.loopId = config.loopId;
        data.uptimeMillis = nowMillis - startedAtMillis;
        data.signalsReceived = metrics.signalsReceived;
        data.signalsApproved = metrics.signalsApproved;
        data.signalsRejected = metrics.signalsRejected;
        data.tradesExecuted = metrics.tradesExecuted;
        data.tradesFailed = metrics.tradesFailed;
        data.errors = metrics.errors;
        data.intervalSignalsReceived = metrics.signalsReceived - lastSignalsReceived;
        data.intervalSignalsApproved = metrics.signalsApproved - lastSignalsApproved;
        data.intervalSignalsRejected = metrics.signalsRejected - lastSignalsRejected;
        data.intervalTradesExecuted = metrics.tradesExecuted - lastTradesExecuted;
        data.intervalTradesFailed = metrics.tradesFailed - lastTradesFailed;
        data.intervalErrors = metrics.errors - lastErrors;
        data.invalidSamples = metrics.invalidSamples;
        data.commandsRejectedQueueFull = metrics.commandsRejectedQueueFull;
        data.latencyP50Nanos = latency.getValueAtPercentile(50);
        data.latencyP99Nanos = latency.getValueAtPercentile(99);
        data.latencyMaxNanos = latency.getMaxValue();
        state.fill(nowMillis, data);
        emitter.heartbeat(nowMillis, data);

        lastSignalsReceived = metrics.signalsReceived;
        lastSignalsApproved = metrics.signalsApproved;
        lastSignalsRejected = metrics.signalsRejected;
        lastTradesExecuted = metrics.tradesExecuted;
        lastTradesFailed = metrics.tradesFailed;
        lastErrors = metrics.errors;
        latency.reset();
        nextBeatMillis += config.heartbeatIntervalMillis;
        if (nextBeatMillis <= nowMillis)
        {
            nextBeatMillis = nowMillis + config.heartbeatIntervalMillis;
        }
    }

    /** The figures a heartbeat takes from the rest of the business logic. */
    interface EngineState
    {
        void fill(long nowMillis, HeartbeatData data);
    }
}

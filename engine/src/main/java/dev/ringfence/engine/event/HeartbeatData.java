package dev.ringfence.engine.event;

/** The figures a {@code HEARTBEAT} carries (RISK.md section 3); filled in place by the heartbeat. */
public final class HeartbeatData
{
    public long loopId;
    public long uptimeMillis;
    public long signalsReceived;
    public long signalsApproved;
    public long signalsRejected;
    public long tradesExecuted;
    public long tradesFailed;
    public long errors;
    public long intervalSignalsReceived;
    public long intervalSignalsApproved;
    public long intervalSignalsRejected;
    public long intervalTradesExecuted;
    public long intervalTradesFailed;
    public long intervalErrors;
    public int openPositions;
    public int pendingOrders;
    public double equity;
    public double peak;
    public double drawdownPercent;
    public GuardState guardState;
    public boolean degraded;
    public boolean reconciling;
    /** Milliseconds since the last valid equity sample; -1 when there has been none. */
    public long lastValidSampleAgeMillis;
    public boolean terminalConnected;
    public long ringBacklog;
    public long invalidSamples;
    public long commandsRejectedQueueFull;
    public long latencyP50Nanos;
    public long latencyP99Nanos;
    public long latencyMaxNanos;

    public void copyFrom(final HeartbeatData o)
    {
        loopId = o.loopId;
        uptimeMillis = o.uptimeMillis;
        signalsReceived = o.signalsReceived;
        signalsApproved = o.signalsApproved;
        signalsRejected = o.signalsRejected;
        tradesExecuted = o.tradesExecuted;
        tradesFailed = o.tradesFailed;
        errors = o.errors;
        intervalSignalsReceived = o.intervalSignalsReceived;
        intervalSignalsApproved = o.intervalSignalsApproved;
        intervalSignalsRejected = o.intervalSignalsRejected;
        intervalTradesExecuted = o.intervalTradesExecuted;
        intervalTradesFailed = o.intervalTradesFailed;
        intervalErrors = o.intervalErrors;
        openPositions = o.openPositions;
        pendingOrders = o.pendingOrders;
        equity = o.equity;
        peak = o.peak;
        drawdownPercent = o.drawdownPercent;
        guardState = o.guardState;
        degraded = o.degraded;
        reconciling = o.reconciling;
        lastValidSampleAgeMillis = o.lastValidSampleAgeMillis;
        terminalConnected = o.terminalConnected;
        ringBacklog = o.ringBacklog;
        invalidSamples = o.invalidSamples;
        commandsRejectedQueueFull = o.commandsRejectedQueueFull;
        latencyP50Nanos = o.latencyP50Nanos;
        latencyP99Nanos = o.latencyP99Nanos;
        latencyMaxNanos = o.latencyMaxNanos;
    }
}

package dev.ringfence.journal;

import dev.ringfence.engine.event.HeartbeatData;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;

import java.util.Objects;

/**
 * When a replayed lifecycle event is the same decision as the recorded one: every field but the
 * heartbeat's measurements (processing latency, ring backlog), which depend on the machine and the
 * moment, not on the inputs.
 */
public final class Decisions
{
    private Decisions()
    {
    }

    public static boolean same(final LifecycleEvent a, final LifecycleEvent b)
    {
        return a.type() == b.type() && a.timeMillis() == b.timeMillis() &&
            Objects.equals(a.signalId(), b.signalId()) && a.clientOrderId() == b.clientOrderId() &&
            a.ticket() == b.ticket() && a.symbolId() == b.symbolId() && a.side() == b.side() &&
            same(a.volume(), b.volume()) && same(a.price(), b.price()) && same(a.profit(), b.profit()) &&
            a.retcode() == b.retcode() && Objects.equals(a.reason(), b.reason()) && Objects.equals(a.detail(), b.detail()) &&
            a.rule() == b.rule() && same(a.equity(), b.equity()) && same(a.peak(), b.peak()) &&
            same(a.drawdownPercent(), b.drawdownPercent()) && same(a.threshold(), b.threshold()) &&
            a.levelPercent() == b.levelPercent() && same(a.usedPercent(), b.usedPercent()) &&
            a.fromState() == b.fromState() && a.toState() == b.toState() && a.count() == b.count() &&
            a.pendingOrders() == b.pendingOrders() && same(a.oldPeak(), b.oldPeak()) &&
            Objects.equals(a.actor(), b.actor()) && a.command() == b.command() && a.ageMillis() == b.ageMillis() &&
            same(a.remainingVolume(), b.remainingVolume()) &&
            sameHeartbeat(a.heartbeat(), b.heartbeat(), a.type() == LifecycleEventType.HEARTBEAT);
    }

    private static boolean sameHeartbeat(final HeartbeatData a, final HeartbeatData b, final boolean isHeartbeat)
    {
        if (!isHeartbeat)
        {
            return true;
        }
        return a.loopId == b.loopId && a.uptimeMillis == b.uptimeMillis && a.signalsReceived == b.signalsReceived &&
            a.signalsApproved == b.signalsApproved && a.signalsRejected == b.signalsRejected &&
            a.tradesExecuted == b.tradesExecuted && a.tradesFailed == b.tradesFailed && a.errors == b.errors &&
            a.openPositions == b.openPositions && a.pendingOrders == b.pendingOrders && same(a.equity, b.equity) &&
            same(a.peak, b.peak) && same(a.drawdownPercent, b.drawdownPercent) && a.guardState == b.guardState &&
            a.degraded == b.degraded && a.reconciling == b.reconciling &&
            a.lastValidSampleAgeMillis == b.lastValidSampleAgeMillis && a.terminalConnected == b.terminalConnected &&
            a.invalidSamples == b.invalidSamples;
    }

    /** Bit-for-bit, so NaN equals NaN: replay is exact or it is a divergence. */
    private static boolean same(final double a, final double b)
    {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }
}

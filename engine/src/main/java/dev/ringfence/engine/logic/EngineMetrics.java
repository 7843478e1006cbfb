package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.LifecycleEventType;

/**
 * Counters of the business logic. Written only by the business thread; the heartbeat carries them out.
 * (Other threads see them only through published lifecycle events, never by reading these fields.)
 */
public final class EngineMetrics
{
    long signalsReceived;
    long signalsApproved;
    long signalsRejected;
    long tradesExecuted;
    long tradesFailed;
    long errors;
    long invalidSamples;
    long commandsRejectedQueueFull;
    long eventsProcessed;
    long duplicateOrderResults;
    long duplicateBalanceOperations;
    long outputFailures;
    final long[] lifecycleEvents = new long[LifecycleEventType.count()];
    final long[] tripsByRule = new long[GuardRule.values().length];

    public long signalsReceived()
    {
        return signalsReceived;
    }

    public long signalsApproved()
    {
        return signalsApproved;
    }

    public long signalsRejected()
    {
        return signalsRejected;
    }

    public long tradesExecuted()
    {
        return tradesExecuted;
    }

    public long tradesFailed()
    {
        return tradesFailed;
    }

    public long errors()
    {
        return errors;
    }

    public long invalidSamples()
    {
        return invalidSamples;
    }

    /** Answers for orders already settled (a lookup's reply after the snapshot resolved the order, say). */
    public long duplicateOrderResults()
    {
        return duplicateOrderResults;
    }

    /** Balance operations reported again with a deal ticket already applied (ignored). */
    public long duplicateBalanceOperations()
    {
        return duplicateBalanceOperations;
    }

    /** Calls into an outbound port that threw; counted in {@link #errors()} too. */
    public long outputFailures()
    {
        return outputFailures;
    }

    public long eventsProcessed()
    {
        return eventsProcessed;
    }

    public long lifecycleEvents(final LifecycleEventType type)
    {
        return lifecycleEvents[type.ordinal()];
    }
}

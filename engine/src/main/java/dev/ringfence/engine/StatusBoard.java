package dev.ringfence.engine;

import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;

import dev.ringfence.engine.event.TradePermissions;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What other threads (the HTTP status, health and metrics endpoints) may know of the business logic:
 * a board the business thread, its only writer, refreshes on every timer and admin event, and the
 * cumulative latency buckets it adds to on every event. Readers see each field's latest value; fields
 * are not a consistent snapshot of one instant, which monitoring does not need.
 */
public final class StatusBoard
{
    /** Upper bounds of the latency buckets, in microseconds (the last bucket is +Inf). */
    public static final double[] LATENCY_BOUNDS_MICROS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000};

    public volatile long timeMillis;
    public volatile GuardState guardState = GuardState.ACTIVE;
    public volatile boolean degraded;
    public volatile boolean reconciling = true;
    public volatile boolean rebaseRequired;
    public volatile boolean loopRunning;
    /** True once the loop has been stopped (not merely not started). */
    public volatile boolean loopStopped;
    /** True while an operator halt is in force: new entries are refused, the guard keeps guarding. */
    public volatile boolean halted;
    /**
     * Why new entries are refused, as one code (HALTED, a guard state such as LOCKED, ACCOUNT_MISMATCH,
     * TRADING_NOT_PERMITTED, JOURNAL_FAILED, JOURNAL_GAP, REBASE_REQUIRED, RECONCILING, DEGRADED), or null while
     * they are taken. Entries on one symbol can also be refused for its spec: see {@link #symbolsWithoutSpec}.
     */
    public volatile String entryDenial = "RECONCILING";
    /** True while the terminal reports another account than the journal's (entries denied, its figures ignored). */
    public volatile boolean accountMismatch;
    public volatile boolean terminalConnected;
    /** The terminal's trade permissions ({@link TradePermissions}); entries are denied unless all are present. */
    public volatile int tradePermissions = TradePermissions.ALL;
    /** Configured symbols whose spec the terminal has not reported in this session (entries on them denied). */
    public volatile List<String> symbolsWithoutSpec = List.of();
    /** Configured symbols whose spec the gateway refused in this session (entries on them denied). */
    public volatile List<String> symbolsRefused = List.of();
    public volatile double equity;
    public volatile double balance;
    public volatile double peak;
    public volatile double drawdownPercent;
    /** Percentage points left before the drawdown cap (NaN when the rule is off). */
    public volatile double drawdownRemainingPercent;
    /** Equity above the floor (NaN when the rule is off). */
    public volatile double floorDistance;
    /** Share of the daily loss budget used, 0..1+ (NaN when the rule is off or the day has no baseline). */
    public volatile double dailyLossUsedRatio;
    /** Money left in today's loss budget (NaN as above). */
    public volatile double dailyLossRemaining;
    public volatile int openPositions;
    /** The open positions themselves, copied when they change (never null). */
    public volatile OpenPositions positions = OpenPositions.NONE;
    public volatile int pendingOrders;
    public volatile long lastHeartbeatMillis;
    public volatile long signalsReceived;
    public volatile long signalsApproved;
    public volatile long signalsRejected;
    public volatile long tradesExecuted;
    public volatile long tradesFailed;
    public volatile long errors;
    public volatile long invalidSamples;
    public volatile long eventsProcessed;
    /** Failures of an outbound port while reporting a failure (counted, nothing else can be done safely). */
    public volatile long outputFailures;
    /** Balance operations reported again (the same deal ticket) and ignored. */
    public volatile long duplicateBalanceOperations;
    public final AtomicLongArray tripsByRule = new AtomicLongArray(GuardRule.values().length);

    /**
     * Outcomes of operator commands, each in the slot of its id modulo the table size. The business thread
     * is the only writer; an issuer reads its own slot and checks the id, so concurrent commands never see
     * each other's answers. A slot is reused only after {@value #ADMIN_OUTCOME_SLOTS} newer commands, far
     * more than an issuer waits for.
     */
    public static final int ADMIN_OUTCOME_SLOTS = 256;
    private final AtomicReferenceArray<AdminOutcome> adminOutcomes = new AtomicReferenceArray<>(ADMIN_OUTCOME_SLOTS);

    private final AtomicLongArray latencyBuckets = new AtomicLongArray(LATENCY_BOUNDS_MICROS.length + 1);
    private final AtomicLongArray latencyTotals = new AtomicLongArray(2); // count, sum in nanoseconds
    private static final long[] LATENCY_BOUNDS_NANOS = new long[LATENCY_BOUNDS_MICROS.length];

    static
    {
        for (int i = 0; i < LATENCY_BOUNDS_NANOS.length; i++)
        {
            LATENCY_BOUNDS_NANOS[i] = (long)(LATENCY_BOUNDS_MICROS[i] * 1_000);
        }
    }

    /** The latency bucket {@code nanos} falls in: the first whose bound is at or above it, the last above them all. */
    public static int latencyBucketOf(final long nanos)
    {
        int bucket = 0;
        while (bucket < LATENCY_BOUNDS_NANOS.length && nanos > LATENCY_BOUNDS_NANOS[bucket])
        {
            bucket++;
        }
        return bucket;
    }

    /** Business thread only: the outcome of the operator command with {@code outcome.commandId}. */
    public void publishAdminOutcome(final AdminOutcome outcome)
    {
        adminOutcomes.set(slotOf(outcome.commandId), outcome);
    }

    /** Any thread: the outcome of command {@code commandId}, or null while the engine has not processed it. */
    public AdminOutcome adminOutcome(final long commandId)
    {
        final AdminOutcome outcome = adminOutcomes.get(slotOf(commandId));
        return outcome != null && outcome.commandId == commandId ? outcome : null;
    }

    private static int slotOf(final long commandId)
    {
        return (int)(commandId & (ADMIN_OUTCOME_SLOTS - 1));
    }

    /** Business thread only: one event's processing latency. Allocation-free. */
    public void recordLatency(final long nanos)
    {
        final int bucket = latencyBucketOf(nanos);
        latencyBuckets.lazySet(bucket, latencyBuckets.get(bucket) + 1);
        latencyTotals.lazySet(0, latencyTotals.get(0) + 1);
        latencyTotals.lazySet(1, latencyTotals.get(1) + Math.max(0, nanos));
    }

    /**
     * Any thread: events per bucket (not cumulative), one count per bound of {@link #LATENCY_BOUNDS_MICROS} and a
     * last one above them all. A new array each call: for readers, never the business thread.
     */
    public long[] latencyBuckets()
    {
        final long[] counts = new long[latencyBuckets.length()];
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = latencyBuckets.get(i);
        }
        return counts;
    }

    public long latencyCount()
    {
        return latencyTotals.get(0);
    }

    public double latencySumSeconds()
    {
        return latencyTotals.get(1) / 1e9;
    }
}

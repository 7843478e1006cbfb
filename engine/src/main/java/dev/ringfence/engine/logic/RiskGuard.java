package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.Money;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.InboundEvent;


/**
 * Equity protection (RISK.md section 2): watches every account report, keeps the peak, applies the max
 * drawdown, equity floor and daily loss rules with warnings, debounce and reduce-only, and on a breach
 * records the decision ({@code GUARD_TRIPPED}) and starts the {@link Flattener}; locked until re-armed.
 *
 * <p>Invariants: the peak only rises between arms (besides balance operations, which move it by the
 * operation's amount); invalid samples never move the peak, trip or re-arm; only ACTIVE allows entries.
 * Equity at or below zero is a valid sample and the worst one: it breaches every enabled rule at once,
 * with no debounce, and a guard never re-arms on it.
 * Owned by the business thread; time comes only from events.
 *
 * <p>The rules are {@link GuardRules}', the samples the {@link EquityFeed}'s, the day the
 * {@link DailyLossBudget}'s, why entries are denied the {@link EntryGate}'s. What stays here is the state
 * machine (armed, reduce-only, flattening, locked, re-armed) with its debounce, warnings and operator
 * commands, kept in one class because every transition reads and writes the same episode.
 */
final class RiskGuard
{
    private static final long NONE = Long.MIN_VALUE;
    private static final int RULES = 3;

    private final EngineConfig config;
    private final LifecycleEmitter emitter;
    private final EngineMetrics metrics;
    private final Positions positions;
    private final OrderBook orders;
    private final Flattener flattener;
    private final EquityFeed feed;
    private final DailyLossBudget budget;
    private final EntryGate gate;
    /** Derived from the configuration; replaced by reconfigure(). */
    private GuardRules rules;

    private GuardState state = GuardState.ACTIVE;
    private boolean reduceOnlyByOperator;

    private double peak;
    private int consecutiveBreaches;
    private int episode = 1;
    private final int[] warnedLevels = new int[RULES];
    private GuardRule trippedRule;
    private long lockedAtMillis = NONE;
    private long lockedDayStartMillis = NONE;

    RiskGuard(
        final EngineConfig config,
        final LifecycleEmitter emitter,
        final EngineMetrics metrics,
        final Positions positions,
        final OrderBook orders,
        final Flattener flattener,
        final EquityFeed feed,
        final DailyLossBudget budget,
        final EntryGate gate)
    {
        this.config = config;
        this.emitter = emitter;
        this.metrics = metrics;
        this.positions = positions;
        this.orders = orders;
        this.flattener = flattener;
        this.feed = feed;
        this.budget = budget;
        this.gate = gate;
        reconfigure();
    }

    /** Recomputes what is derived from the configuration, after it changed in place (an operator re-base). */
    void reconfigure()
    {
        rules = new GuardRules(config);
    }

    /**
     * The operator accepted a changed configuration: the peak is re-based to current equity (when there
     * is a valid sample), the episode restarts, and entries are allowed again (if the state allows them).
     */
    void rebase(final long nowMillis)
    {
        gate.rebaseRequired(false);
        if (Double.isFinite(feed.lastEquity()))
        {
            peak = Math.max(0, feed.lastEquity());
        }
        episode++;
        consecutiveBreaches = 0;
        for (int r = 0; r < RULES; r++)
        {
            warnedLevels[r] = 0;
        }
        budget.reset();
    }

    // ---------------------------------------------------------------- inputs

    /** An account report: a valid sample moves the peak (while armed) and is judged by the rules. */
    void onAccount(final long nowMillis, final InboundEvent report)
    {
        if (!feed.onAccount(nowMillis, report))
        {
            return;
        }
        budget.onSample(nowMillis, feed.serverGmtOffsetSeconds(), feed.lastBalance(), feed.lastEquity());
        if (isArmed())
        {
            peak = Math.max(peak, feed.lastEquity());
            evaluate(nowMillis);
        }
    }

    /** A deposit or withdrawal is not profit or loss: it moves the peak and the day baseline alike. */
    void onBalanceOperation(final double amount)
    {
        if (!Double.isFinite(amount))
        {
            metrics.invalidSamples++;
            return;
        }
        if (peak > 0)
        {
            peak = Math.max(0, peak + amount);
        }
        budget.onBalanceOperation(amount);
    }

    void onTime(final long nowMillis)
    {
        if (budget.isDayOver(nowMillis))
        {
            rollDay(nowMillis);
        }
        feed.onTime(nowMillis);
        if (state == GuardState.LOCKED && config.rearmCooldownMillis > 0 &&
            nowMillis - lockedAtMillis >= config.rearmCooldownMillis)
        {
            rearm(nowMillis, "cooldown", true);
        }
        else if (state == GuardState.LOCKED_DAY && budget.dayStartMillis() > lockedDayStartMillis)
        {
            rearm(nowMillis, "day-start", true);
        }
    }

    // ---------------------------------------------------------------- operator

    void flattenByOperator(final long nowMillis, final String actor)
    {
        if (state == GuardState.FLATTENING)
        {
            refuse(nowMillis, AdminCommand.FLATTEN, "ALREADY_FLATTENING", actor);
            return;
        }
        trip(nowMillis, GuardRule.MANUAL, Double.isFinite(feed.lastEquity()) ? GuardRules.drawdownFraction(peak, feed.lastEquity()) : 0);
    }

    void reduceOnlyByOperator(final long nowMillis, final String actor)
    {
        if (state == GuardState.ACTIVE || state == GuardState.REDUCE_ONLY)
        {
            reduceOnlyByOperator = true;
            changeState(nowMillis, GuardState.REDUCE_ONLY);
        }
        else
        {
            refuse(nowMillis, AdminCommand.REDUCE_ONLY, state.name(), actor);
        }
    }

    /** Lifts an operator's reduce-only; a level-triggered one returns at the next sample if still due. */
    void resumeByOperator(final long nowMillis)
    {
        if (state == GuardState.REDUCE_ONLY && reduceOnlyByOperator)
        {
            reduceOnlyByOperator = false;
            changeState(nowMillis, GuardState.ACTIVE);
        }
    }

    /**
     * Re-arms a locked guard. Refused unless flat, data valid and equity above the floor by the
     * hysteresis. Automatic attempts (day start, cooldown) retry quietly on later events. An operator's
     * re-arm also clears a journal gap: alone when the guard is not locked (GUARD_REARMED, reason
     * JOURNAL_GAP, the peak unchanged), with the latch under the normal rules when it is.
     */
    void rearm(final long nowMillis, final String actor, final boolean automatic)
    {
        if (!automatic && gate.isJournalGap() && !state.isLocked())
        {
            // Only the journal gap holds: the operator accepts that the outage's inputs are not journaled.
            gate.journalGap(false);
            emitter.guardRearmed(nowMillis, peak, peak, feed.lastEquity(), actor, "JOURNAL_GAP");
            return;
        }
        final String refusal = rearmRefusal(nowMillis);
        if (refusal != null)
        {
            if (!automatic)
            {
                refuse(nowMillis, AdminCommand.REARM, refusal, actor);
            }
            return;
        }
        final double oldPeak = peak;
        if (config.rearmRebasePeak || peak <= 0)
        {
            peak = feed.lastEquity();
        }
        episode++;
        consecutiveBreaches = 0;
        trippedRule = null;
        reduceOnlyByOperator = false;
        for (int r = 0; r < RULES; r++)
        {
            warnedLevels[r] = 0;
        }
        changeState(nowMillis, GuardState.ACTIVE);
        final boolean gapCleared = gate.isJournalGap() && !automatic;
        if (gapCleared)
        {
            gate.journalGap(false);
        }
        emitter.guardRearmed(nowMillis, peak, oldPeak, feed.lastEquity(), actor, gapCleared ? "JOURNAL_GAP" : null);
    }

    private String rearmRefusal(final long nowMillis)
    {
        if (!state.isLocked())
        {
            return "NOT_LOCKED";
        }
        if (positions.count() > 0 || orders.size() > 0)
        {
            return "NOT_FLAT";
        }
        if (!feed.hasFreshSample(nowMillis) || feed.isDegraded())
        {
            return "DATA_INVALID";
        }
        return rules.rearmRefusal(feed.lastEquity());
    }

    // ---------------------------------------------------------------- flatten outcome

    void onFlattenCompleted(final long nowMillis, final int positionsClosed)
    {
        emitter.flattenCompleted(nowMillis, positionsClosed, feed.lastEquity());
        lockedAtMillis = nowMillis;
        lockedDayStartMillis = budget.dayStartMillis();
        changeState(nowMillis, trippedRule == GuardRule.DAILY_LOSS ? GuardState.LOCKED_DAY : GuardState.LOCKED);
    }

    // ---------------------------------------------------------------- entries

    boolean allowsEntries()
    {
        return gate.allows(state);
    }

    /** The reason entries are denied, as a constant code, or null when they are allowed. */
    String entryDenial()
    {
        return gate.denial(state);
    }

    // ---------------------------------------------------------------- views

    GuardState state()
    {
        return state;
    }

    double peak()
    {
        return peak;
    }

    /** The rules in force (replaced, never changed, when the configuration changes). */
    GuardRules rules()
    {
        return rules;
    }

    // ---------------------------------------------------------------- rules

    private boolean isArmed()
    {
        return state == GuardState.ACTIVE || state == GuardState.REDUCE_ONLY;
    }

    private void rollDay(final long nowMillis)
    {
        final boolean fresh = feed.hasFreshSample(nowMillis);
        budget.roll(nowMillis, feed.serverGmtOffsetSeconds(), fresh, feed.lastBalance(), feed.lastEquity());
        warnedLevels[GuardRule.DAILY_LOSS.ordinal()] = 0;
        if (fresh && isArmed())
        {
            evaluate(nowMillis);
        }
    }

    private void evaluate(final long nowMillis)
    {
        final double equity = feed.lastEquity();
        final double dayBaseline = budget.baseline();
        final GuardRule breached = rules.breached(peak, equity, dayBaseline);
        if (breached != null)
        {
            consecutiveBreaches++;
            if (consecutiveBreaches >= config.confirmSamples || rules.isHardBreach(peak, equity, dayBaseline))
            {
                trip(nowMillis, breached, GuardRules.drawdownFraction(peak, equity));
                return;
            }
        }
        else
        {
            consecutiveBreaches = 0;
        }

        double maxUsed = 0;
        maxUsed = warnIfDue(nowMillis, GuardRule.MAX_DRAWDOWN, rules.drawdownUsed(peak, equity), maxUsed);
        maxUsed = warnIfDue(nowMillis, GuardRule.EQUITY_FLOOR, rules.floorUsed(peak, equity), maxUsed);
        maxUsed = warnIfDue(nowMillis, GuardRule.DAILY_LOSS, rules.dailyLossUsed(equity, dayBaseline), maxUsed);
        applyReduceOnlyLevel(nowMillis, maxUsed);
    }

    /**
     * Raises each warning level of a rule once per episode; returns the larger of {@code maxUsed} and the
     * budget used (0..1+). A rule that does not apply ({@code used} NaN) warns nothing and changes nothing.
     */
    private double warnIfDue(final long nowMillis, final GuardRule rule, final double used, final double maxUsed)
    {
        if (Double.isNaN(used))
        {
            return maxUsed;
        }
        final int r = rule.ordinal();
        for (int k = 0; k < rules.warningLevels(); k++)
        {
            final int bit = 1 << k;
            if ((warnedLevels[r] & bit) == 0 && used * 100.0 >= rules.warningLevel(k) - Money.RATIO_EPSILON)
            {
                warnedLevels[r] |= bit;
                emitter.guardWarning(nowMillis, rule, rules.warningLevel(k), used * 100.0, feed.lastEquity(), peak);
            }
        }
        return Math.max(maxUsed, used);
    }

    private void applyReduceOnlyLevel(final long nowMillis, final double maxUsed)
    {
        final int level = config.reduceOnlyLevelPercent;
        if (level <= 0 || reduceOnlyByOperator)
        {
            return;
        }
        final boolean due = maxUsed * 100.0 >= level - Money.RATIO_EPSILON;
        if (due && state == GuardState.ACTIVE)
        {
            changeState(nowMillis, GuardState.REDUCE_ONLY);
        }
        else if (!due && state == GuardState.REDUCE_ONLY)
        {
            changeState(nowMillis, GuardState.ACTIVE);
        }
    }

    private void trip(final long nowMillis, final GuardRule rule, final double drawdown)
    {
        trippedRule = rule;
        consecutiveBreaches = 0;
        metrics.tripsByRule[rule.ordinal()]++;
        emitter.guardTripped(nowMillis, rule, Double.isFinite(feed.lastEquity()) ? feed.lastEquity() : 0, peak,
            Math.max(0, drawdown) * 100.0, rules.threshold(rule, budget.baseline()));
        changeState(nowMillis, GuardState.FLATTENING);
        flattener.start(nowMillis);
    }

    private void changeState(final long nowMillis, final GuardState to)
    {
        if (to == state)
        {
            return;
        }
        final GuardState from = state;
        state = to;
        emitter.guardStateChanged(nowMillis, from, to);
    }

    private void refuse(
        final long nowMillis, final AdminCommand command, final String reason, final String actor)
    {
        emitter.commandRefused(nowMillis, command, reason, actor);
    }
}

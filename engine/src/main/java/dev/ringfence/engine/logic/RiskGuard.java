package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.DailyBaseline;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.Money;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEventType;

import java.time.ZoneId;
import java.util.Arrays;

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
    // Derived from the configuration; recomputed by reconfigure().
    private TradingDay tradingDay;
    private double drawdownLimit;
    private double hardDrawdownLimit;
    private double hardFloor;
    private int[] warningLevels;
    private Flattener flattener;

    private GuardState state = GuardState.ACTIVE;
    private boolean degraded;
    private boolean reconciling;
    private boolean rebaseRequired;
    private boolean journalFailed;
    /** Inputs were not journaled (a journal outage): entries denied until an operator re-arms. */
    private boolean journalGap;
    private boolean accountMismatch;
    /** The terminal lacks a trade permission: entries are denied; closes and flattens are still attempted. */
    private boolean tradingNotPermitted;
    private boolean reduceOnlyByOperator;

    private long expectedLogin;
    private double peak;
    private double lastEquity = Double.NaN;
    private double lastBalance = Double.NaN;
    private long lastValidSampleMillis = NONE;
    private long watchSinceMillis = NONE;
    private int consecutiveBreaches;
    private int episode = 1;
    private final int[] warnedLevels = new int[RULES];
    private GuardRule trippedRule;
    private long lockedAtMillis = NONE;
    private long lockedDayStartMillis = NONE;

    private int serverGmtOffsetSeconds;
    private long dayStartMillis = NONE;
    private long nextDayStartMillis = NONE;
    private double dayBaseline = Double.NaN;

    RiskGuard(
        final EngineConfig config,
        final LifecycleEmitter emitter,
        final EngineMetrics metrics,
        final Positions positions,
        final OrderBook orders)
    {
        this.config = config;
        this.emitter = emitter;
        this.metrics = metrics;
        this.positions = positions;
        this.orders = orders;
        reconfigure();
    }

    /** Recomputes what is derived from the configuration, after it changed in place (an operator re-base). */
    void reconfigure()
    {
        expectedLogin = config.accountLogin;
        tradingDay = new TradingDay(
            EngineConfig.SERVER_TIME_ZONE.equals(config.dailyTimeZone) ? null : ZoneId.of(config.dailyTimeZone));
        drawdownLimit = config.maxDrawdownPercent / 100.0;
        hardDrawdownLimit = (config.maxDrawdownPercent + config.hardBreachMarginPercent) / 100.0;
        hardFloor = config.equityFloor * (1 - config.hardBreachMarginPercent / 100.0);
        warningLevels = config.warningLevelsPercent.clone();
        Arrays.sort(warningLevels);
    }

    /**
     * The operator accepted a changed configuration: the peak is re-based to current equity (when there
     * is a valid sample), the episode restarts, and entries are allowed again (if the state allows them).
     */
    void rebase(final long nowMillis)
    {
        rebaseRequired = false;
        if (Double.isFinite(lastEquity))
        {
            peak = Math.max(0, lastEquity);
        }
        episode++;
        consecutiveBreaches = 0;
        for (int r = 0; r < RULES; r++)
        {
            warnedLevels[r] = 0;
        }
        dayStartMillis = NONE;
        nextDayStartMillis = NONE;
        dayBaseline = Double.NaN;
    }

    void rebaseRequired(final boolean required)
    {
        rebaseRequired = required;
    }

    boolean isRebaseRequired()
    {
        return rebaseRequired;
    }

    void flattener(final Flattener flattener)
    {
        this.flattener = flattener;
    }

    /** Staleness is measured from here until the first valid sample. */
    void start(final long nowMillis)
    {
        if (watchSinceMillis == NONE)
        {
            watchSinceMillis = nowMillis;
        }
    }

    // ---------------------------------------------------------------- inputs

    void onAccount(final long nowMillis, final InboundEvent report)
    {
        if (!isValidSample(nowMillis, report))
        {
            metrics.invalidSamples++;
            return;
        }
        lastEquity = report.equity();
        lastBalance = report.balance();
        lastValidSampleMillis = nowMillis;
        serverGmtOffsetSeconds = report.serverGmtOffsetSeconds();
        if (degraded)
        {
            degraded = false;
            emitter.begin(LifecycleEventType.DATA_RECOVERED, nowMillis).equity(lastEquity);
            emitter.emit();
        }
        if (dayStartMillis == NONE)
        {
            dayStartMillis = tradingDay.dayStart(nowMillis, serverGmtOffsetSeconds);
            nextDayStartMillis = tradingDay.nextDayStart(nowMillis, serverGmtOffsetSeconds);
        }
        if (Double.isNaN(dayBaseline))
        {
            dayBaseline = baselineOf(lastBalance, lastEquity);
        }
        if (isArmed())
        {
            peak = Math.max(peak, lastEquity);
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
        if (!Double.isNaN(dayBaseline))
        {
            dayBaseline += amount;
        }
    }

    void onTime(final long nowMillis)
    {
        if (nextDayStartMillis != NONE && nowMillis >= nextDayStartMillis)
        {
            rollDay(nowMillis);
        }
        if (!degraded && watchSinceMillis != NONE && hasExposure())
        {
            final long since = lastValidSampleMillis == NONE ? watchSinceMillis : lastValidSampleMillis;
            if (nowMillis - since >= config.staleAfterMillis)
            {
                degraded = true;
                emitter.begin(LifecycleEventType.DATA_DEGRADED, nowMillis).ageMillis(nowMillis - since);
                emitter.emit();
            }
        }
        if (state == GuardState.LOCKED && config.rearmCooldownMillis > 0 &&
            nowMillis - lockedAtMillis >= config.rearmCooldownMillis)
        {
            rearm(nowMillis, "cooldown", true);
        }
        else if (state == GuardState.LOCKED_DAY && dayStartMillis > lockedDayStartMillis)
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
        trip(nowMillis, GuardRule.MANUAL, drawdownPercent() / 100.0);
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
    boolean rearm(final long nowMillis, final String actor, final boolean automatic)
    {
        if (!automatic && journalGap && !state.isLocked())
        {
            // Only the journal gap holds: the operator accepts that the outage's inputs are not journaled.
            journalGap = false;
            emitter.begin(LifecycleEventType.GUARD_REARMED, nowMillis).reason("JOURNAL_GAP")
                .peak(peak).oldPeak(peak).actor(actor).equity(lastEquity);
            emitter.emit();
            return true;
        }
        final String refusal = rearmRefusal(nowMillis);
        if (refusal != null)
        {
            if (!automatic)
            {
                refuse(nowMillis, AdminCommand.REARM, refusal, actor);
            }
            return false;
        }
        final double oldPeak = peak;
        if (config.rearmRebasePeak || peak <= 0)
        {
            peak = lastEquity;
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
        final boolean gapCleared = journalGap && !automatic;
        if (gapCleared)
        {
            journalGap = false;
        }
        emitter.begin(LifecycleEventType.GUARD_REARMED, nowMillis).peak(peak).oldPeak(oldPeak).actor(actor).equity(lastEquity)
            .reason(gapCleared ? "JOURNAL_GAP" : null);
        emitter.emit();
        return true;
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
        if (!hasFreshSample(nowMillis) || degraded)
        {
            return "DATA_INVALID";
        }
        if (isWipedOut(lastEquity))
        {
            return "EQUITY_NOT_POSITIVE";
        }
        if (config.equityFloorEnabled && !(lastEquity > config.equityFloor * (1 + config.rearmHysteresisPercent / 100.0)))
        {
            return "EQUITY_BELOW_FLOOR_HYSTERESIS";
        }
        return null;
    }

    // ---------------------------------------------------------------- flatten outcome

    void onFlattenCompleted(final long nowMillis, final int positionsClosed)
    {
        emitter.begin(LifecycleEventType.FLATTEN_COMPLETED, nowMillis).count(positionsClosed).equity(lastEquity);
        emitter.emit();
        lockedAtMillis = nowMillis;
        lockedDayStartMillis = dayStartMillis;
        changeState(nowMillis, trippedRule == GuardRule.DAILY_LOSS ? GuardState.LOCKED_DAY : GuardState.LOCKED);
    }

    // ---------------------------------------------------------------- flags

    void reconciling(final boolean reconciling)
    {
        this.reconciling = reconciling;
    }

    boolean isReconciling()
    {
        return reconciling;
    }

    /** The journal cannot record inputs (disk full, say): entries are denied, guarding and flattening go on. */
    void journalFailed(final boolean failed)
    {
        this.journalFailed = failed;
    }

    /**
     * Inputs were processed but not journaled: a rebuild from the journal would miss them, so entries are
     * denied until an operator re-arms ({@link #rearm}); guarding and flattening go on.
     */
    void journalGap(final boolean gap)
    {
        this.journalGap = gap;
    }

    boolean isJournalGap()
    {
        return journalGap;
    }

    /** The terminal reports another account than the journal's: entries are denied, its figures ignored. */
    void accountMismatch(final boolean mismatch)
    {
        this.accountMismatch = mismatch;
    }

    boolean isAccountMismatch()
    {
        return accountMismatch;
    }

    /** The terminal reports a missing trade permission: entries are denied, guarding and flattening go on. */
    void tradingNotPermitted(final boolean notPermitted)
    {
        this.tradingNotPermitted = notPermitted;
    }

    boolean allowsEntries()
    {
        return state.allowsEntries() && !degraded && !reconciling && !rebaseRequired && !journalFailed && !journalGap &&
            !accountMismatch && !tradingNotPermitted;
    }

    /** The reason entries are denied, as a constant code, or null when they are allowed. */
    String entryDenial()
    {
        if (!state.allowsEntries())
        {
            return state.name();
        }
        if (accountMismatch)
        {
            return "ACCOUNT_MISMATCH";
        }
        if (tradingNotPermitted)
        {
            return "TRADING_NOT_PERMITTED";
        }
        if (journalFailed)
        {
            return "JOURNAL_FAILED";
        }
        if (journalGap)
        {
            return "JOURNAL_GAP";
        }
        if (rebaseRequired)
        {
            return "REBASE_REQUIRED";
        }
        if (reconciling)
        {
            return "RECONCILING";
        }
        return degraded ? "DEGRADED" : null;
    }

    // ---------------------------------------------------------------- views

    GuardState state()
    {
        return state;
    }

    boolean isDegraded()
    {
        return degraded;
    }

    double peak()
    {
        return peak;
    }

    double lastEquity()
    {
        return lastEquity;
    }

    double lastBalance()
    {
        return lastBalance;
    }

    double dayBaseline()
    {
        return dayBaseline;
    }

    /** Drawdown from the peak in percent; 0 before the first valid sample. */
    double drawdownPercent()
    {
        return Double.isFinite(lastEquity) ? drawdownFraction(peak, lastEquity) * 100.0 : 0;
    }

    /** Percentage points left before the drawdown cap (NaN when the rule is off or before the first sample). */
    double drawdownRemainingPercent()
    {
        return config.maxDrawdownEnabled && Double.isFinite(lastEquity) ? config.maxDrawdownPercent - drawdownPercent() : Double.NaN;
    }

    /** Equity above the floor (NaN when the rule is off or before the first sample). */
    double floorDistance()
    {
        return config.equityFloorEnabled ? lastEquity - config.equityFloor : Double.NaN;
    }

    /** Share of today's loss budget used, 0..1+ (NaN when the rule is off or the day has no baseline). */
    double dailyLossUsedRatio()
    {
        return hasDailyBudget() ? Math.max(0, dayBaseline - lastEquity) / config.dailyLossLimit : Double.NaN;
    }

    /** Money left in today's loss budget (NaN as above). */
    double dailyLossRemaining()
    {
        return hasDailyBudget() ? lastEquity - (dayBaseline - config.dailyLossLimit) : Double.NaN;
    }

    private boolean hasDailyBudget()
    {
        return config.dailyLossEnabled && !Double.isNaN(dayBaseline);
    }

    /**
     * The one drawdown formula: {@code (peak - equity) / peak}, never below 0. Equity at or below zero is
     * a total loss: at least 1 (100 %) whatever the peak, so it breaches any cap even before a peak exists.
     */
    static double drawdownFraction(final double peak, final double equity)
    {
        final double fromPeak = peak > 0 ? Math.max(0, (peak - equity) / peak) : 0;
        return isWipedOut(equity) ? Math.max(1.0, fromPeak) : fromPeak;
    }

    /** Zero or negative equity: the account has lost everything (a gap past the stop-out). */
    static boolean isWipedOut(final double equity)
    {
        return !(equity > 0);
    }

    /** Milliseconds since the last valid sample, or -1 when none has arrived. */
    long lastValidSampleAge(final long nowMillis)
    {
        return lastValidSampleMillis == NONE ? -1 : nowMillis - lastValidSampleMillis;
    }

    // ---------------------------------------------------------------- rules

    private boolean isArmed()
    {
        return state == GuardState.ACTIVE || state == GuardState.REDUCE_ONLY;
    }

    private boolean isValidSample(final long nowMillis, final InboundEvent report)
    {
        // Zero and negative equity are valid (the worst samples); only a non-finite figure is invalid.
        if (!report.connected() || !Double.isFinite(report.equity()) || !Double.isFinite(report.balance()))
        {
            return false;
        }
        if (expectedLogin == 0)
        {
            expectedLogin = report.login();
        }
        if (report.login() != expectedLogin)
        {
            return false;
        }
        final long reportTime = report.reportTimeMillis();
        return reportTime == 0 || nowMillis - reportTime <= config.equityMaxAgeMillis;
    }

    private boolean hasFreshSample(final long nowMillis)
    {
        return lastValidSampleMillis != NONE && nowMillis - lastValidSampleMillis <= config.equityMaxAgeMillis;
    }

    private boolean hasExposure()
    {
        return positions.count() > 0 || orders.size() > 0;
    }

    private double baselineOf(final double balance, final double equity)
    {
        final DailyBaseline mode = config.dailyBaseline;
        return mode == DailyBaseline.BALANCE ? balance : mode == DailyBaseline.EQUITY ? equity : Math.max(balance, equity);
    }

    private void rollDay(final long nowMillis)
    {
        dayStartMillis = tradingDay.dayStart(nowMillis, serverGmtOffsetSeconds);
        nextDayStartMillis = tradingDay.nextDayStart(nowMillis, serverGmtOffsetSeconds);
        warnedLevels[GuardRule.DAILY_LOSS.ordinal()] = 0;
        if (hasFreshSample(nowMillis))
        {
            dayBaseline = baselineOf(lastBalance, lastEquity);
            if (isArmed())
            {
                evaluate(nowMillis);
            }
        }
        else
        {
            dayBaseline = Double.NaN;
        }
    }

    private void evaluate(final long nowMillis)
    {
        final double equity = lastEquity;
        final double drawdown = drawdownFraction(peak, equity);
        // A wiped-out account breaches every enabled rule, hard: there is nothing left to debounce.
        final boolean wipedOut = isWipedOut(equity);
        GuardRule breached = null;
        boolean hard = wipedOut;

        if (config.maxDrawdownEnabled && drawdown >= drawdownLimit - Money.RATIO_EPSILON)
        {
            breached = GuardRule.MAX_DRAWDOWN;
            hard |= drawdown >= hardDrawdownLimit - Money.RATIO_EPSILON;
        }
        if (config.equityFloorEnabled && equity <= config.equityFloor)
        {
            if (breached == null)
            {
                breached = GuardRule.EQUITY_FLOOR;
            }
            hard |= equity <= hardFloor;
        }
        if (config.dailyLossEnabled && !Double.isNaN(dayBaseline) && (wipedOut || equity <= dayBaseline - config.dailyLossLimit))
        {
            if (breached == null)
            {
                breached = GuardRule.DAILY_LOSS;
            }
            hard |= equity <= dayBaseline - config.dailyLossLimit * (1 + config.hardBreachMarginPercent / 100.0);
        }

        if (breached != null)
        {
            consecutiveBreaches++;
            if (consecutiveBreaches >= config.confirmSamples || hard)
            {
                trip(nowMillis, breached, drawdown);
                return;
            }
        }
        else
        {
            consecutiveBreaches = 0;
        }

        double maxUsed = 0;
        if (config.maxDrawdownEnabled)
        {
            maxUsed = Math.max(maxUsed, warnIfDue(nowMillis, GuardRule.MAX_DRAWDOWN, drawdown / drawdownLimit));
        }
        if (config.equityFloorEnabled && peak > config.equityFloor)
        {
            maxUsed = Math.max(maxUsed, warnIfDue(
                nowMillis, GuardRule.EQUITY_FLOOR, (peak - equity) / (peak - config.equityFloor)));
        }
        if (config.dailyLossEnabled && !Double.isNaN(dayBaseline))
        {
            maxUsed = Math.max(maxUsed, warnIfDue(
                nowMillis, GuardRule.DAILY_LOSS, (dayBaseline - equity) / config.dailyLossLimit));
        }
        applyReduceOnlyLevel(nowMillis, maxUsed);
    }

    /** Raises each warning level once per episode; returns the budget used (0..1+). */
    private double warnIfDue(final long nowMillis, final GuardRule rule, final double used)
    {
        final int r = rule.ordinal();
        for (int k = 0; k < warningLevels.length; k++)
        {
            final int bit = 1 << k;
            if ((warnedLevels[r] & bit) == 0 && used * 100.0 >= warningLevels[k] - Money.RATIO_EPSILON)
            {
                warnedLevels[r] |= bit;
                emitter.begin(LifecycleEventType.GUARD_WARNING, nowMillis)
                    .rule(rule).levelPercent(warningLevels[k]).usedPercent(used * 100.0).equity(lastEquity).peak(peak);
                emitter.emit();
            }
        }
        return used;
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
        emitter.begin(LifecycleEventType.GUARD_TRIPPED, nowMillis)
            .rule(rule)
            .equity(Double.isFinite(lastEquity) ? lastEquity : 0)
            .peak(peak)
            .drawdownPercent(Math.max(0, drawdown) * 100.0)
            .threshold(thresholdOf(rule));
        emitter.emit();
        changeState(nowMillis, GuardState.FLATTENING);
        flattener.start(nowMillis);
    }

    private double thresholdOf(final GuardRule rule)
    {
        switch (rule)
        {
            case MAX_DRAWDOWN:
                return config.maxDrawdownPercent;
            case EQUITY_FLOOR:
                return config.equityFloor;
            case DAILY_LOSS:
                return dayBaseline - config.dailyLossLimit;
            default:
                return 0;
        }
    }

    private void changeState(final long nowMillis, final GuardState to)
    {
        if (to == state)
        {
            return;
        }
        final GuardState from = state;
        state = to;
        emitter.begin(LifecycleEventType.GUARD_STATE_CHANGED, nowMillis).states(from, to);
        emitter.emit();
    }

    private void refuse(
        final long nowMillis, final AdminCommand command, final String reason, final String actor)
    {
        emitter.begin(LifecycleEventType.COMMAND_REFUSED, nowMillis).command(command).reason(reason).actor(actor);
        emitter.emit();
    }
}

package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.Money;
import dev.ringfence.engine.event.GuardRule;

import java.util.Arrays;

/**
 * The guard's rules as pure functions of their inputs (docs/RISK.md): drawdown from the peak, the equity
 * floor and the daily loss budget, with their hard margins, warning budgets and re-arm threshold. Equity at
 * or below zero is the worst sample: it breaches every enabled rule, hard.
 *
 * <p>Holds only the limits read from one configuration, and never changes: a changed configuration makes a
 * new instance. No clock, no events, no memory of earlier samples (debounce, warnings and the state machine
 * are {@link RiskGuard}'s), so every rule can be tested alone over generated inputs.
 */
final class GuardRules
{
    private final boolean maxDrawdownEnabled;
    private final double maxDrawdownPercent;
    private final double drawdownLimit;
    private final double hardDrawdownLimit;
    private final boolean equityFloorEnabled;
    private final double equityFloor;
    private final double hardFloor;
    private final double rearmFloor;
    private final boolean dailyLossEnabled;
    private final double dailyLossLimit;
    private final double hardDailyLoss;
    private final int[] warningLevels;

    GuardRules(final EngineConfig config)
    {
        maxDrawdownEnabled = config.maxDrawdownEnabled;
        maxDrawdownPercent = config.maxDrawdownPercent;
        drawdownLimit = config.maxDrawdownPercent / 100.0;
        hardDrawdownLimit = (config.maxDrawdownPercent + config.hardBreachMarginPercent) / 100.0;
        equityFloorEnabled = config.equityFloorEnabled;
        equityFloor = config.equityFloor;
        hardFloor = config.equityFloor * (1 - config.hardBreachMarginPercent / 100.0);
        rearmFloor = config.equityFloor * (1 + config.rearmHysteresisPercent / 100.0);
        dailyLossEnabled = config.dailyLossEnabled;
        dailyLossLimit = config.dailyLossLimit;
        hardDailyLoss = config.dailyLossLimit * (1 + config.hardBreachMarginPercent / 100.0);
        warningLevels = config.warningLevelsPercent.clone();
        Arrays.sort(warningLevels);
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

    /** Zero or negative equity (or not a number): the account has lost everything (a gap past the stop-out). */
    static boolean isWipedOut(final double equity)
    {
        return !(equity > 0);
    }

    /**
     * The first rule the sample breaches, in the order max drawdown, equity floor, daily loss; null when none.
     * {@code dayBaseline} is NaN while the day has no baseline (the daily rule then cannot breach).
     */
    GuardRule breached(final double peak, final double equity, final double dayBaseline)
    {
        if (maxDrawdownEnabled && drawdownFraction(peak, equity) >= drawdownLimit - Money.RATIO_EPSILON)
        {
            return GuardRule.MAX_DRAWDOWN;
        }
        if (equityFloorEnabled && equity <= equityFloor)
        {
            return GuardRule.EQUITY_FLOOR;
        }
        if (dailyLossBreached(equity, dayBaseline))
        {
            return GuardRule.DAILY_LOSS;
        }
        return null;
    }

    /** True when a breached rule is breached past its hard margin (or equity is wiped out): no debounce. */
    boolean isHardBreach(final double peak, final double equity, final double dayBaseline)
    {
        if (isWipedOut(equity))
        {
            return true;
        }
        final double drawdown = drawdownFraction(peak, equity);
        if (maxDrawdownEnabled && drawdown >= drawdownLimit - Money.RATIO_EPSILON &&
            drawdown >= hardDrawdownLimit - Money.RATIO_EPSILON)
        {
            return true;
        }
        if (equityFloorEnabled && equity <= equityFloor && equity <= hardFloor)
        {
            return true;
        }
        return dailyLossBreached(equity, dayBaseline) && equity <= dayBaseline - hardDailyLoss;
    }

    private boolean dailyLossBreached(final double equity, final double dayBaseline)
    {
        return dailyLossEnabled && !Double.isNaN(dayBaseline) && (isWipedOut(equity) || equity <= dayBaseline - dailyLossLimit);
    }

    /** Share of the drawdown cap used (0..1+), or NaN when the rule is off. */
    double drawdownUsed(final double peak, final double equity)
    {
        return maxDrawdownEnabled ? drawdownFraction(peak, equity) / drawdownLimit : Double.NaN;
    }

    /** Share of the distance from the peak to the floor used (0..1+), or NaN when the rule is off or the peak is not above it. */
    double floorUsed(final double peak, final double equity)
    {
        return equityFloorEnabled && peak > equityFloor ? (peak - equity) / (peak - equityFloor) : Double.NaN;
    }

    /** Share of the day's loss budget used (0..1+, negative on a winning day), or NaN when off or without a baseline. */
    double dailyLossUsed(final double equity, final double dayBaseline)
    {
        return dailyLossEnabled && !Double.isNaN(dayBaseline) ? (dayBaseline - equity) / dailyLossLimit : Double.NaN;
    }

    /** The level a rule trips at, as {@code GUARD_TRIPPED} reports it (percent, or money for floor and daily loss). */
    double threshold(final GuardRule rule, final double dayBaseline)
    {
        switch (rule)
        {
            case MAX_DRAWDOWN:
                return maxDrawdownPercent;
            case EQUITY_FLOOR:
                return equityFloor;
            case DAILY_LOSS:
                return dayBaseline - dailyLossLimit;
            default:
                return 0;
        }
    }

    /** Why a locked guard may not re-arm on this equity, as a constant code, or null when the equity allows it. */
    String rearmRefusal(final double equity)
    {
        if (isWipedOut(equity))
        {
            return "EQUITY_NOT_POSITIVE";
        }
        if (equityFloorEnabled && !(equity > rearmFloor))
        {
            return "EQUITY_BELOW_FLOOR_HYSTERESIS";
        }
        return null;
    }

    /** The warning levels in percent of a budget, ascending (at most 31; shared, never written). */
    int warningLevel(final int k)
    {
        return warningLevels[k];
    }

    int warningLevels()
    {
        return warningLevels.length;
    }
}

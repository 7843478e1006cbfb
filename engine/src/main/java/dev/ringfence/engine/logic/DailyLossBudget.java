package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.DailyBaseline;
import dev.ringfence.engine.config.EngineConfig;

import java.time.ZoneId;

/**
 * The trading day and its loss budget's baseline (docs/RISK.md, daily loss): the day starts at midnight of
 * the broker's server time or of a configured zone; its baseline is the balance, the equity or the larger
 * of the two (as configured) at the first valid sample of the day. Deposits and withdrawals move the
 * baseline by their amount. Whether the budget is breached is {@link GuardRules}'; acting on it is
 * {@link RiskGuard}'s. Owned by the business thread; time comes only from events.
 */
final class DailyLossBudget
{
    private static final long NONE = Long.MIN_VALUE;

    private final EngineConfig config;
    /** Derived from the configuration; replaced by reconfigure(). */
    private TradingDay tradingDay;
    private long dayStartMillis = NONE;
    private long nextDayStartMillis = NONE;
    private double baseline = Double.NaN;

    DailyLossBudget(final EngineConfig config)
    {
        this.config = config;
        reconfigure();
    }

    /** The configuration changed in place (an operator re-base): the day's zone is read again. */
    void reconfigure()
    {
        tradingDay = new TradingDay(
            EngineConfig.SERVER_TIME_ZONE.equals(config.dailyTimeZone) ? null : ZoneId.of(config.dailyTimeZone));
    }

    /** A valid sample: the first one places the day, the first one of a day without a baseline sets it. */
    void onSample(final long nowMillis, final int serverGmtOffsetSeconds, final double balance, final double equity)
    {
        if (dayStartMillis == NONE)
        {
            dayStartMillis = tradingDay.dayStart(nowMillis, serverGmtOffsetSeconds);
            nextDayStartMillis = tradingDay.nextDayStart(nowMillis, serverGmtOffsetSeconds);
        }
        if (Double.isNaN(baseline))
        {
            baseline = baselineOf(balance, equity);
        }
    }

    /** A deposit or withdrawal is not profit or loss: it moves the baseline by its amount. */
    void onBalanceOperation(final double amount)
    {
        if (!Double.isNaN(baseline))
        {
            baseline += amount;
        }
    }

    /** True once event time has reached the next day's start. */
    boolean isDayOver(final long nowMillis)
    {
        return nextDayStartMillis != NONE && nowMillis >= nextDayStartMillis;
    }

    /**
     * A new day: its baseline is taken from the last sample when that is still fresh, else it waits for the
     * next valid sample (NaN until then: the daily rule cannot breach without a baseline).
     */
    void roll(
        final long nowMillis, final int serverGmtOffsetSeconds, final boolean freshSample, final double balance, final double equity)
    {
        dayStartMillis = tradingDay.dayStart(nowMillis, serverGmtOffsetSeconds);
        nextDayStartMillis = tradingDay.nextDayStart(nowMillis, serverGmtOffsetSeconds);
        baseline = freshSample ? baselineOf(balance, equity) : Double.NaN;
    }

    /** Forgets the day (an operator re-base): the next valid sample places a new one. */
    void reset()
    {
        dayStartMillis = NONE;
        nextDayStartMillis = NONE;
        baseline = Double.NaN;
    }

    /** The start of the current trading day (Long.MIN_VALUE before the first valid sample). */
    long dayStartMillis()
    {
        return dayStartMillis;
    }

    /** The day's baseline (NaN while the day has none). */
    double baseline()
    {
        return baseline;
    }

    private double baselineOf(final double balance, final double equity)
    {
        final DailyBaseline mode = config.dailyBaseline;
        return mode == DailyBaseline.BALANCE ? balance : mode == DailyBaseline.EQUITY ? equity : Math.max(balance, equity);
    }
}

package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.DailyBaseline;
import dev.ringfence.engine.config.EngineConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The trading day and its baseline, on event time alone. */
class DailyLossBudgetTest
{
    private static final long DAY = TradingDay.DAY_MILLIS;
    /** 2026-01-05T00:00:00Z. */
    private static final long MIDNIGHT_UTC = 1_767_571_200_000L;
    private static final int GMT_PLUS_2 = 7_200;

    private final EngineConfig config = new EngineConfig();

    @Test
    void theDayStartsAtTheServersMidnightAndTheFirstSampleSetsTheBaseline()
    {
        final DailyLossBudget budget = new DailyLossBudget(config);
        assertTrue(Double.isNaN(budget.baseline()));
        final long noon = MIDNIGHT_UTC + DAY / 2;
        budget.onSample(noon, GMT_PLUS_2, 10_000, 9_500);
        assertEquals(MIDNIGHT_UTC - GMT_PLUS_2 * 1000L, budget.dayStartMillis());
        assertEquals(10_000, budget.baseline(), "BALANCE by default");
        budget.onSample(noon + 1, GMT_PLUS_2, 20_000, 20_000);
        assertEquals(10_000, budget.baseline(), "only the first sample of the day");
        assertFalse(budget.isDayOver(MIDNIGHT_UTC + DAY - GMT_PLUS_2 * 1000L - 1));
        assertTrue(budget.isDayOver(MIDNIGHT_UTC + DAY - GMT_PLUS_2 * 1000L));
    }

    @Test
    void theBaselineModeChoosesBalanceEquityOrTheLarger()
    {
        config.dailyBaseline = DailyBaseline.EQUITY;
        final DailyLossBudget equity = new DailyLossBudget(config);
        equity.onSample(MIDNIGHT_UTC, 0, 10_000, 9_500);
        assertEquals(9_500, equity.baseline());
        config.dailyBaseline = DailyBaseline.MAX_BALANCE_EQUITY;
        final DailyLossBudget larger = new DailyLossBudget(config);
        larger.onSample(MIDNIGHT_UTC, 0, 10_000, 10_400);
        assertEquals(10_400, larger.baseline());
    }

    @Test
    void depositsAndWithdrawalsMoveTheBaseline()
    {
        final DailyLossBudget budget = new DailyLossBudget(config);
        budget.onBalanceOperation(500);
        assertTrue(Double.isNaN(budget.baseline()), "no baseline yet: nothing to move");
        budget.onSample(MIDNIGHT_UTC, 0, 10_000, 10_000);
        budget.onBalanceOperation(500);
        budget.onBalanceOperation(-2_000);
        assertEquals(8_500, budget.baseline());
    }

    @Test
    void aNewDayTakesItsBaselineFromAFreshSampleOrWaits()
    {
        final DailyLossBudget budget = new DailyLossBudget(config);
        budget.onSample(MIDNIGHT_UTC + 1, 0, 10_000, 10_000);
        budget.roll(MIDNIGHT_UTC + DAY, 0, true, 9_000, 8_800);
        assertEquals(MIDNIGHT_UTC + DAY, budget.dayStartMillis());
        assertEquals(9_000, budget.baseline());
        budget.roll(MIDNIGHT_UTC + 2 * DAY, 0, false, 9_000, 8_800);
        assertTrue(Double.isNaN(budget.baseline()), "stale: the next valid sample sets it");
        budget.onSample(MIDNIGHT_UTC + 2 * DAY + 5, 0, 7_000, 7_000);
        assertEquals(7_000, budget.baseline());
    }

    @Test
    void aConfiguredZoneFollowsDaylightSaving()
    {
        config.dailyTimeZone = "Europe/Prague";
        final DailyLossBudget budget = new DailyLossBudget(config);
        // 2026-03-29: clocks go forward in Prague, so that day is 23 hours long.
        final long march28Noon = 1_774_699_200_000L;
        budget.onSample(march28Noon, 0, 10_000, 10_000);
        final long march29Start = budget.dayStartMillis() + DAY;
        budget.roll(march29Start, 0, true, 10_000, 10_000);
        assertFalse(budget.isDayOver(march29Start + 23 * 3_600_000L - 1));
        assertTrue(budget.isDayOver(march29Start + 23 * 3_600_000L));
    }

    @Test
    void resetForgetsTheDay()
    {
        final DailyLossBudget budget = new DailyLossBudget(config);
        budget.onSample(MIDNIGHT_UTC, 0, 10_000, 10_000);
        budget.reset();
        assertTrue(Double.isNaN(budget.baseline()));
        assertFalse(budget.isDayOver(MIDNIGHT_UTC + 10 * DAY));
    }
}

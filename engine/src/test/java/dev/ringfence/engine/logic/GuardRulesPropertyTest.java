package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.GuardRule;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

import static org.junit.jupiter.api.Assertions.*;

/** The guard's rules alone: pure functions of the limits and one sample, no engine around them. */
class GuardRulesPropertyTest
{
    private static GuardRules rules(final boolean drawdown, final boolean floor, final boolean daily)
    {
        final EngineConfig c = new EngineConfig();
        c.maxDrawdownEnabled = drawdown;
        c.maxDrawdownPercent = 20;
        c.equityFloorEnabled = floor;
        c.equityFloor = 500;
        c.dailyLossEnabled = daily;
        c.dailyLossLimit = 1_000;
        c.hardBreachMarginPercent = 2;
        c.rearmHysteresisPercent = 5;
        return new GuardRules(c);
    }

    @Property
    void drawdownIsNeverNegativeAndZeroAtOrAboveThePeak(
        @ForAll @DoubleRange(min = 0, max = 1_000_000) final double peak,
        @ForAll @DoubleRange(min = 0.01, max = 1_000_000) final double equity)
    {
        final double drawdown = GuardRules.drawdownFraction(peak, equity);
        assertTrue(drawdown >= 0);
        if (equity >= peak)
        {
            assertEquals(0, drawdown);
        }
    }

    @Property
    void equityAtOrBelowZeroBreachesEveryEnabledRuleHard(
        @ForAll @DoubleRange(min = 0, max = 1_000_000) final double peak,
        @ForAll @DoubleRange(min = -1_000_000, max = 0) final double equity,
        @ForAll @DoubleRange(min = 1, max = 1_000_000) final double dayBaseline,
        @ForAll final boolean drawdown,
        @ForAll final boolean floor,
        @ForAll final boolean daily)
    {
        final GuardRules rules = rules(drawdown, floor, daily);
        final GuardRule breached = rules.breached(peak, equity, dayBaseline);
        if (drawdown || floor || daily)
        {
            assertNotNull(breached, "peak " + peak + " equity " + equity);
            assertTrue(rules.isHardBreach(peak, equity, dayBaseline));
            assertEquals("EQUITY_NOT_POSITIVE", rules.rearmRefusal(equity));
        }
        else
        {
            assertNull(breached);
        }
    }

    @Property
    void aLowerEquityBreachesWhateverAHigherOneBreached(
        @ForAll @DoubleRange(min = 1_000, max = 1_000_000) final double peak,
        @ForAll @DoubleRange(min = 0.01, max = 1_000_000) final double higher,
        @ForAll @DoubleRange(min = 0, max = 1) final double fraction,
        @ForAll @DoubleRange(min = 1_000, max = 1_000_000) final double dayBaseline)
    {
        final GuardRules rules = rules(true, true, true);
        final double lower = higher * fraction;
        if (rules.breached(peak, higher, dayBaseline) != null)
        {
            assertNotNull(rules.breached(peak, lower, dayBaseline));
        }
        if (rules.isHardBreach(peak, higher, dayBaseline))
        {
            assertTrue(rules.isHardBreach(peak, lower, dayBaseline));
        }
    }

    @Property
    void aHardBreachIsABreach(
        @ForAll @DoubleRange(min = 0, max = 1_000_000) final double peak,
        @ForAll @DoubleRange(min = -1_000, max = 1_000_000) final double equity,
        @ForAll @DoubleRange(min = 0, max = 1_000_000) final double dayBaseline)
    {
        final GuardRules rules = rules(true, true, true);
        if (rules.isHardBreach(peak, equity, dayBaseline))
        {
            assertNotNull(rules.breached(peak, equity, dayBaseline));
        }
    }

    @Property
    void theDailyRuleNeedsABaseline(
        @ForAll @DoubleRange(min = 0.01, max = 1_000_000) final double equity)
    {
        final GuardRules rules = rules(false, false, true);
        assertNull(rules.breached(1_000_000, equity, Double.NaN));
        assertTrue(Double.isNaN(rules.dailyLossUsed(equity, Double.NaN)));
    }

    @Property
    void budgetsUsedReachOneExactlyWhereTheRuleBreaches(
        @ForAll @DoubleRange(min = 1_000, max = 1_000_000) final double peak,
        @ForAll @DoubleRange(min = 600, max = 1_000_000) final double equity)
    {
        final GuardRules rules = rules(true, false, false);
        final double used = rules.drawdownUsed(peak, equity);
        if (Math.abs(used - 1) < 1e-6)
        {
            return; // within the rules' rounding tolerance of the limit
        }
        final boolean breached = rules.breached(peak, equity, Double.NaN) == GuardRule.MAX_DRAWDOWN;
        assertEquals(breached, used > 1, "peak " + peak + " equity " + equity);
    }

    @Property
    void reArmNeedsEquityAboveTheFloorByTheHysteresis(
        @ForAll @DoubleRange(min = 0.01, max = 1_000) final double equity)
    {
        final String refusal = rules(true, true, false).rearmRefusal(equity);
        assertEquals(equity > 525 ? null : "EQUITY_BELOW_FLOOR_HYSTERESIS", refusal);
    }

    @Property
    void thresholdsAreTheConfiguredLevels(@ForAll @DoubleRange(min = 1_000, max = 1_000_000) final double dayBaseline)
    {
        final GuardRules rules = rules(true, true, true);
        assertEquals(20, rules.threshold(GuardRule.MAX_DRAWDOWN, dayBaseline));
        assertEquals(500, rules.threshold(GuardRule.EQUITY_FLOOR, dayBaseline));
        assertEquals(dayBaseline - 1_000, rules.threshold(GuardRule.DAILY_LOSS, dayBaseline));
    }
}

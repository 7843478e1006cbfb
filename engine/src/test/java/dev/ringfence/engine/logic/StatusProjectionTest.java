package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.EngineConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The derived figures, computed once, in the status projection, from what the guard holds. */
class StatusProjectionTest
{
    @Test
    void derivedFiguresFollowTheRulesInForce()
    {
        final EngineConfig c = new EngineConfig();
        c.maxDrawdownPercent = 20;
        c.equityFloor = 5_000;
        c.dailyLossEnabled = true;
        c.dailyLossLimit = 1_000;
        c.warningLevelsPercent = new int[0];
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.account(10_000, 9_500);
        final StatusBoard b = h.status();
        assertEquals(9_500, b.equity);
        assertEquals(10_000, b.peak);
        assertEquals(5, b.drawdownPercent, 1e-9);
        assertEquals(15, b.drawdownRemainingPercent, 1e-9);
        assertEquals(4_500, b.floorDistance, 1e-9);
        assertEquals(0.5, b.dailyLossUsedRatio, 1e-9);
        assertEquals(500, b.dailyLossRemaining, 1e-9);
    }

    @Test
    void rulesThatAreOffShowNotANumberAndNoSampleShowsNoDrawdown()
    {
        final EngineConfig c = new EngineConfig();
        c.maxDrawdownEnabled = false;
        c.equityFloorEnabled = false;
        final EngineHarness h = new EngineHarness(c);
        final StatusBoard before = h.status();
        assertEquals(0, before.drawdownPercent);
        h.startConnected(10_000);
        final StatusBoard b = h.status();
        assertTrue(Double.isNaN(b.drawdownRemainingPercent));
        assertTrue(Double.isNaN(b.floorDistance));
        assertTrue(Double.isNaN(b.dailyLossUsedRatio));
        assertTrue(Double.isNaN(b.dailyLossRemaining));
    }
}

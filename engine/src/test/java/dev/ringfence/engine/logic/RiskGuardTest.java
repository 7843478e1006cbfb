package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.config.DailyBaseline;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

class RiskGuardTest
{
    private static EngineConfig config()
    {
        return new EngineConfig();
    }

    @Test
    void tripsOnTheFirstSampleExactlyAtTheDrawdownLimit()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(1, -1999, 0);
        h.account(10_000, 8_000.01);
        assertEquals(GuardState.ACTIVE, h.status().guardState, "19.9999 % is below the 20 % limit");

        h.account(10_000, 8_000);

        final LifecycleEvent trip = h.last(GUARD_TRIPPED);
        assertEquals(GuardRule.MAX_DRAWDOWN, trip.rule());
        assertEquals(20.0, trip.drawdownPercent(), 1e-9);
        assertEquals(20.0, trip.threshold());
        assertEquals(10_000, trip.peak());
        assertEquals(8_000, trip.equity());
        assertEquals(GuardState.FLATTENING, h.status().guardState);
        assertEquals(1, h.commands("close").size());
    }

    @Test
    void decisionIsRecordedBeforeAnyCloseGoesOut()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(1, -2500, 0);
        h.clear();
        h.account(10_000, 7_500);
        assertEquals(List.of(GUARD_TRIPPED, GUARD_STATE_CHANGED), h.types().subList(0, 2));
        assertEquals(1, h.commands.size());
    }

    @Test
    void flattenClosesLargestLoserFirstThenLocksWhenASnapshotShowsFlat()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(1, -100, 0, 2, -900, 0, 3, 50, 0);
        h.account(10_000, 7_900);

        final List<EngineHarness.Command> closes = h.commands("close");
        assertEquals(List.of(2L, 1L, 3L), closes.stream().map(c -> c.ticket).collect(java.util.stream.Collectors.toList()));

        for (final EngineHarness.Command close : closes)
        {
            h.orderResult(close.clientOrderId, ReturnCodes.DONE, close.ticket, 1.09, 1.0);
        }
        assertEquals(3, h.events(POSITION_CLOSED).size());
        assertEquals("GUARD_FLATTEN", h.last(POSITION_CLOSED).reason());
        assertEquals("resync", h.lastCommand().kind, "flat is confirmed by a fresh snapshot, not assumed");
        assertEquals(GuardState.FLATTENING, h.status().guardState);

        h.positions();
        assertEquals(3, h.last(FLATTEN_COMPLETED).count());
        assertEquals(GuardState.LOCKED, h.status().guardState);
    }

    @Test
    void keepsFlatteningAfterAFailedRoundUntilFlat()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(7, -2500, 0);
        h.account(10_000, 7_500);
        final EngineHarness.Command first = h.lastCommand();
        h.orderResult(first.clientOrderId, ReturnCodes.REJECT, 7, 0, 0);
        h.positions(7, -2500, 0);
        assertEquals("FLATTEN_ROUND_FAILED", h.last(ERROR).reason());

        h.advance(100);
        final EngineHarness.Command second = h.lastCommand();
        assertEquals("close", second.kind);
        assertEquals(7, second.ticket);
        assertNotEquals(first.clientOrderId, second.clientOrderId);

        h.orderResult(second.clientOrderId, ReturnCodes.POSITION_CLOSED, 7, 0, 0);
        h.positions();
        assertEquals(GuardState.LOCKED, h.status().guardState);
        assertEquals(1, h.last(FLATTEN_COMPLETED).count());
    }

    @Test
    void invalidSamplesNeverMoveThePeakNorTrip()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(1, 0, 0);
        final long invalidBefore = h.status().invalidSamples;

        h.engine.inbound().terminalReports().account(h.now, EngineHarness.LOGIN, 10_000, Double.NaN, 0, 0, true, h.now, 0, TradePermissions.ALL);
        h.engine.inbound().terminalReports().account(h.now, EngineHarness.LOGIN, 10_000, Double.NEGATIVE_INFINITY, 0, 0, true, h.now, 0, TradePermissions.ALL);
        h.engine.inbound().terminalReports().account(h.now, EngineHarness.LOGIN, Double.NaN, 9_000, 0, 0, true, h.now, 0, TradePermissions.ALL);
        h.engine.inbound().terminalReports().account(h.now, EngineHarness.LOGIN, 10_000, Double.POSITIVE_INFINITY, 0, 0, true, h.now, 0, TradePermissions.ALL);
        h.engine.inbound().terminalReports().account(h.now, EngineHarness.LOGIN, 10_000, 100, 0, 0, false, h.now, 0, TradePermissions.ALL);
        h.engine.inbound().terminalReports().account(h.now, 999, 10_000, 100, 0, 0, true, h.now, 0, TradePermissions.ALL);
        h.engine.inbound().terminalReports().account(h.now, EngineHarness.LOGIN, 10_000, 100, 0, 0, true, h.now - 6_000, 0, TradePermissions.ALL);
        h.engine.inbound().terminalReports().account(h.now, EngineHarness.LOGIN, 10_000, 50_000, 0, 0, false, h.now, 0, TradePermissions.ALL);

        assertEquals(8, h.status().invalidSamples - invalidBefore);
        assertEquals(GuardState.ACTIVE, h.status().guardState);
        assertEquals(10_000, h.status().peak);
        assertTrue(h.events(GUARD_TRIPPED).isEmpty());
    }

    @Test
    void equityFloorTripsAtOrBelowTheFloor()
    {
        final EngineConfig c = config();
        c.equityFloor = 9_000;
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.account(9_500, 9_000.01);
        assertTrue(h.events(GUARD_TRIPPED).isEmpty());
        h.account(9_500, 9_000);
        assertEquals(GuardRule.EQUITY_FLOOR, h.last(GUARD_TRIPPED).rule());
        assertEquals(9_000, h.last(GUARD_TRIPPED).threshold());
        h.positions();
        assertEquals(GuardState.LOCKED, h.status().guardState);
        assertEquals(0, h.last(FLATTEN_COMPLETED).count());
    }

    @Test
    void dailyLossLocksForTheDayAndRearmsItselfAtThePragueDayStart()
    {
        final EngineConfig c = config();
        c.dailyLossEnabled = true;
        c.dailyLossLimit = 300;
        c.dailyTimeZone = "Europe/Prague";
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.account(10_000, 9_700);
        assertEquals(GuardRule.DAILY_LOSS, h.last(GUARD_TRIPPED).rule());
        assertEquals(9_700, h.last(GUARD_TRIPPED).threshold());
        h.positions();
        assertEquals(GuardState.LOCKED_DAY, h.status().guardState);

        // T0 is 01:00 in Prague; the next day starts 23 hours later.
        h.advance(23 * 3_600_000L - 1_000);
        h.account(9_700, 9_700);
        h.advance(999);
        assertEquals(GuardState.LOCKED_DAY, h.status().guardState, "still the same trading day");
        h.advance(1);
        assertEquals(GuardState.ACTIVE, h.status().guardState);
        assertEquals("day-start", h.last(GUARD_REARMED).actor());
        assertEquals(9_700, h.last(GUARD_REARMED).peak());
    }

    @Test
    void dailyLimitIsReevaluatedAtTheDayBoundaryWithTheNewBaseline()
    {
        final EngineConfig c = config();
        c.dailyLossEnabled = true;
        c.dailyLossLimit = 300;
        c.dailyBaseline = DailyBaseline.BALANCE;
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.positions(1, -350, 0);
        // Late in the server day (GMT+0): profits booked to 10,500, a floating loss of 350 still open.
        h.advance(24 * 3_600_000L - 2_000);
        h.account(10_500, 10_150);
        assertTrue(h.events(GUARD_TRIPPED).isEmpty(), "against today's baseline of 10,000 this is a gain");

        h.advance(2_000);
        final LifecycleEvent trip = h.last(GUARD_TRIPPED);
        assertEquals(GuardRule.DAILY_LOSS, trip.rule());
        assertEquals(10_200, trip.threshold(), "the new day's baseline is its opening balance 10,500");
        assertEquals(EngineHarness.T0 + 24 * 3_600_000L, trip.timeMillis(), "tripped at the boundary itself");
    }

    @Test
    void warnsOncePerLevelPerEpisode()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.account(10_000, 9_000);
        h.account(10_000, 9_100);
        h.account(10_000, 8_900);
        h.account(10_000, 8_400);
        h.account(10_000, 8_300);
        final List<LifecycleEvent> warnings = h.events(GUARD_WARNING);
        assertEquals(2, warnings.size());
        assertEquals(50, warnings.get(0).levelPercent());
        assertEquals(80, warnings.get(1).levelPercent());
        assertEquals(GuardRule.MAX_DRAWDOWN, warnings.get(1).rule());
    }

    @Test
    void debounceNeedsConsecutiveBreachesButAHardBreachTripsAtOnce()
    {
        final EngineConfig c = config();
        c.confirmSamples = 3;
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.positions(1, 0, 0);
        h.account(10_000, 7_990);
        h.account(10_000, 7_990);
        h.account(10_000, 8_500);
        h.account(10_000, 7_990);
        h.account(10_000, 7_990);
        assertTrue(h.events(GUARD_TRIPPED).isEmpty(), "a good sample resets the count");
        h.account(10_000, 7_990);
        assertEquals(1, h.events(GUARD_TRIPPED).size());

        final EngineHarness hard = new EngineHarness(c).startConnected(10_000);
        hard.account(10_000, 7_800);
        assertEquals(1, hard.events(GUARD_TRIPPED).size(), "22 % is the limit plus the 2-point hard margin");
    }

    @Test
    void reduceOnlyLevelDeniesEntriesAndLiftsWhenEquityRecovers()
    {
        final EngineConfig c = config();
        c.reduceOnlyLevelPercent = 90;
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.account(10_000, 8_150);
        assertEquals(GuardState.REDUCE_ONLY, h.status().guardState);
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("GUARD_STATE", h.last(SIGNAL_REJECTED).reason());
        assertEquals("REDUCE_ONLY", h.last(SIGNAL_REJECTED).detail());
        h.account(10_000, 9_000);
        assertEquals(GuardState.ACTIVE, h.status().guardState);
    }

    @Test
    void staleDataWithPositionsOpenIsDegradedUntilValidDataReturns()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(1, 0, 0);
        h.advanceInSteps(14_900);
        assertFalse(h.status().degraded);
        h.advanceInSteps(200);
        assertTrue(h.status().degraded);
        assertEquals(1, h.events(DATA_DEGRADED).size());
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("DEGRADED", h.last(SIGNAL_REJECTED).detail());

        h.account(10_000, 10_000);
        assertFalse(h.status().degraded);
        assertEquals(1, h.events(DATA_RECOVERED).size());
    }

    @Test
    void aFlatAccountWithoutSamplesIsNotDegraded()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.advanceInSteps(60_000);
        assertFalse(h.status().degraded);
    }

    @Test
    void rearmIsRefusedUnlessFlatFreshAndAboveTheFloorThenRebasesThePeak()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(1, -2100, 0);
        h.account(10_000, 7_900);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "alice");
        assertEquals("NOT_LOCKED", h.last(COMMAND_REFUSED).reason());

        h.orderResult(h.lastCommand().clientOrderId, ReturnCodes.DONE, 1, 1.08, 1.0);
        h.positions();
        assertEquals(GuardState.LOCKED, h.status().guardState);

        h.account(520, 520);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "alice");
        assertEquals("EQUITY_BELOW_FLOOR_HYSTERESIS", h.last(COMMAND_REFUSED).reason(), "525 = 500 + 5 %");

        h.account(7_900, 7_900);
        h.advance(6_000);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "alice");
        assertEquals("DATA_INVALID", h.last(COMMAND_REFUSED).reason());

        h.account(7_900, 7_900);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "alice");
        final LifecycleEvent rearmed = h.last(GUARD_REARMED);
        assertEquals(7_900, rearmed.peak());
        assertEquals(10_000, rearmed.oldPeak());
        assertEquals("alice", rearmed.actor());
        assertEquals(GuardState.ACTIVE, h.status().guardState);
    }

    @Test
    void aWithdrawalMovesThePeakAndNeverTrips()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.engine.inbound().terminalReports().balanceOperation(h.now, -3_000, 0);
        h.account(7_000, 7_000);
        assertTrue(h.events(GUARD_TRIPPED).isEmpty());
        assertEquals(7_000, h.status().peak);

        h.engine.inbound().terminalReports().balanceOperation(h.now, 5_000, 0);
        h.account(12_000, 12_000);
        assertEquals(12_000, h.status().peak);
        assertEquals(0, h.status().drawdownPercent);
    }

    @Test
    void operatorFlattenTripsAManualRule()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "bob");
        assertEquals(GuardRule.MANUAL, h.last(GUARD_TRIPPED).rule());
        h.positions();
        assertEquals(GuardState.LOCKED, h.status().guardState);
    }

    @Test
    void aLockedGuardKeepsDenyingEntries()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "bob");
        h.positions();
        h.account(12_000, 12_000);
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("LOCKED", h.last(SIGNAL_REJECTED).detail());
        assertTrue(h.commands("place").isEmpty());
    }

    @Test
    void zeroEquityIsAValidSampleThatTripsTheFloorWithoutDebounce()
    {
        final EngineConfig c = config();
        c.confirmSamples = 5;
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.positions(1, -10_000, 0);
        final long invalidBefore = h.status().invalidSamples;

        h.account(10_000, 0);

        assertEquals(invalidBefore, h.status().invalidSamples, "zero equity is a sample, not noise");
        final LifecycleEvent trip = h.last(GUARD_TRIPPED);
        assertEquals(GuardRule.MAX_DRAWDOWN, trip.rule(), "the first enabled rule names the breach");
        assertEquals(0, trip.equity());
        assertEquals(100.0, trip.drawdownPercent(), 1e-9);
        assertEquals(GuardState.FLATTENING, h.status().guardState);
    }

    @Test
    void negativeEquityTripsTheDrawdownWithTheFloorOff()
    {
        final EngineConfig c = config();
        c.equityFloorEnabled = false;
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.positions(1, -75_000, 0);

        h.account(10_000, -65_000);

        final LifecycleEvent trip = h.last(GUARD_TRIPPED);
        assertEquals(GuardRule.MAX_DRAWDOWN, trip.rule());
        assertEquals(-65_000, trip.equity());
        assertEquals(750.0, trip.drawdownPercent(), 1e-9, "the loss measured from the peak, beyond 100 %");
        assertEquals(-65_000, h.status().equity, "the guard shows the sample it acted on");
    }

    @Test
    void aFirstSampleBelowZeroTripsBeforeAnyPeakExists()
    {
        final EngineConfig c = config();
        c.equityFloorEnabled = false;
        final EngineHarness h = new EngineHarness(c);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.START, "test");
        h.engine.inbound().terminalReports().terminalStatus(h.now, true);
        h.positions(1, -100, 0);

        h.account(50, -50);

        assertEquals(GuardRule.MAX_DRAWDOWN, h.last(GUARD_TRIPPED).rule());
        assertEquals(100.0, h.last(GUARD_TRIPPED).drawdownPercent(), 1e-9);
    }

    @Test
    void negativeEquityBreachesTheDailyLossEvenWithOtherRulesOff()
    {
        final EngineConfig c = config();
        c.equityFloorEnabled = false;
        c.maxDrawdownEnabled = false;
        c.dailyLossEnabled = true;
        c.dailyLossLimit = 1_000_000;
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.positions(1, -10_001, 0);

        h.account(10_000, -1);

        assertEquals(GuardRule.DAILY_LOSS, h.last(GUARD_TRIPPED).rule());
    }

    @Test
    void entriesAreDeniedAfterAGapBelowZero()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(1, -75_000, 0);
        h.account(10_000, -65_000);
        h.orderResult(h.lastCommand().clientOrderId, ReturnCodes.DONE, 1, 0.95, 5.0);
        h.positions();
        h.account(-65_000, -65_000);

        h.signal("after-gap", "EURUSD", Side.BUY, 0.01);

        assertEquals("LOCKED", h.last(SIGNAL_REJECTED).detail());
        assertTrue(h.commands("place").isEmpty());
    }

    @Test
    void rearmIsRefusedWhileEquityIsNotPositive()
    {
        final EngineConfig c = config();
        c.equityFloorEnabled = false;
        final EngineHarness h = new EngineHarness(c).startConnected(10_000);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "bob");
        h.positions();
        h.account(0, 0);

        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "bob");

        assertEquals("EQUITY_NOT_POSITIVE", h.last(COMMAND_REFUSED).reason());
        assertEquals(GuardState.LOCKED, h.status().guardState);
    }
}

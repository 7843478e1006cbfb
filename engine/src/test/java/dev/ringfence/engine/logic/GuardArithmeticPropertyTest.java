package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.LifecycleEventType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Properties of the guard's arithmetic over generated equity paths. */
class GuardArithmeticPropertyTest
{
    private static EngineHarness drawdownOnly(final double limitPercent)
    {
        final EngineConfig c = new EngineConfig();
        c.maxDrawdownPercent = limitPercent;
        c.equityFloorEnabled = false;
        c.warningLevelsPercent = new int[0];
        return new EngineHarness(c);
    }

    @Provide
    Arbitrary<List<Double>> equityPaths()
    {
        return Arbitraries.doubles().between(1.0, 1_000_000.0).ofScale(2).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property
    void thePeakNeverFallsAndDrawdownIsNeverNegative(@ForAll("equityPaths") final List<Double> path)
    {
        final EngineHarness h = drawdownOnly(99).startConnected(path.get(0));
        double previousPeak = h.status().peak;
        for (final double equity : path)
        {
            h.account(equity, equity);
            if (h.status().guardState != GuardState.ACTIVE)
            {
                break;
            }
            final double peak = h.status().peak;
            assertTrue(peak >= previousPeak, "peak fell from " + previousPeak + " to " + peak);
            assertTrue(peak >= equity);
            assertTrue(h.status().drawdownPercent >= 0);
            previousPeak = peak;
        }
    }

    @Property
    void itTripsAtTheFirstSampleWhoseDrawdownReachesTheLimitAndNotBefore(
        @ForAll("equityPaths") final List<Double> path,
        @ForAll @DoubleRange(min = 1, max = 99) final double limitPercent)
    {
        final EngineHarness h = drawdownOnly(limitPercent).startConnected(path.get(0));
        double peak = path.get(0);
        int expectedTripAt = -1;
        for (int i = 0; i < path.size(); i++)
        {
            peak = Math.max(peak, path.get(i));
            if ((peak - path.get(i)) / peak * 100.0 >= limitPercent - 1e-7)
            {
                expectedTripAt = i;
                break;
            }
        }
        int trippedAt = -1;
        for (int i = 0; i < path.size(); i++)
        {
            h.account(path.get(i), path.get(i));
            if (trippedAt < 0 && !h.events(LifecycleEventType.GUARD_TRIPPED).isEmpty())
            {
                trippedAt = i;
            }
        }
        assertEquals(expectedTripAt, trippedAt);
    }

    @Property
    void aSampleExactlyAtTheInclusiveThresholdTrips(
        @ForAll @DoubleRange(min = 100, max = 1_000_000) final double peak,
        @ForAll @DoubleRange(min = 1, max = 99) final double limitPercent)
    {
        final EngineHarness h = drawdownOnly(limitPercent).startConnected(peak);
        final double atLimit = peak * (1 - limitPercent / 100.0);
        h.account(atLimit, atLimit);
        assertEquals(1, h.events(LifecycleEventType.GUARD_TRIPPED).size(),
            "peak " + peak + " equity " + atLimit + " limit " + limitPercent);
    }

    @Property
    void depositsAndWithdrawalsAloneNeverTrip(
        @ForAll @Size(min = 1, max = 50) final List<@DoubleRange(min = -5_000, max = 5_000) Double> operations)
    {
        final EngineHarness h = new EngineHarness().startConnected(100_000);
        double balance = 100_000;
        for (final double amount : operations)
        {
            if (amount == 0 || balance + amount <= 1_000)
            {
                continue;
            }
            balance += amount;
            h.engine.inbound().terminalReports().balanceOperation(h.now, amount, 0);
            h.account(balance, balance);
        }
        assertTrue(h.events(LifecycleEventType.GUARD_TRIPPED).isEmpty());
        assertEquals(0, h.status().drawdownPercent, 1e-9);
    }

    @Property
    void equityAtOrBelowZeroIsAlwaysAtLeastATotalDrawdown(
        @ForAll @DoubleRange(min = 0, max = 1_000_000) final double peak,
        @ForAll @DoubleRange(min = -1_000_000, max = 0) final double equity)
    {
        final double drawdown = GuardRules.drawdownFraction(peak, equity);
        assertTrue(drawdown >= 1.0, "peak " + peak + " equity " + equity + " drawdown " + drawdown);
    }

    @Property
    void aWipedOutSampleTripsAnyDrawdownCap(
        @ForAll @DoubleRange(min = 100, max = 1_000_000) final double peak,
        @ForAll @DoubleRange(min = 1, max = 99) final double limitPercent,
        @ForAll @DoubleRange(min = -1_000_000, max = 0) final double equity)
    {
        final EngineHarness h = drawdownOnly(limitPercent).startConnected(peak);
        h.account(peak, equity);
        assertEquals(1, h.events(LifecycleEventType.GUARD_TRIPPED).size(),
            "peak " + peak + " equity " + equity + " limit " + limitPercent);
    }
}

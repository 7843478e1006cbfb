package dev.ringfence.benchmarks.latency;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoadScheduleTest
{
    @Test
    void aSteadyLoadPlansOneEventPerInterval()
    {
        final LoadSchedule load = LoadSchedule.steady(1_000);

        assertEquals(0, load.plannedOffsetNanos(0));
        assertEquals(5_000_000, load.plannedOffsetNanos(5));
        assertEquals(3_000, load.events(3));
    }

    @Test
    void aBurstPlansItsEventsBackToBackThenWaitsForTheNextPeriod()
    {
        final LoadSchedule load = LoadSchedule.bursts("2000/100", 1_000_000);

        assertEquals(1_999_000, load.plannedOffsetNanos(1_999));
        assertEquals(100_000_000, load.plannedOffsetNanos(2_000));
        assertEquals(100_001_000, load.plannedOffsetNanos(2_001));
        assertEquals(20_000, load.meanRate(), 1e-9);
        assertEquals(20_000, load.events(1));
    }

    @Test
    void aBurstLongerThanItsPeriodIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> LoadSchedule.bursts("2000/1", 1_000_000));
    }

    @Test
    void aMalformedBurstIsRefusedWithItsForm()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> LoadSchedule.bursts("2000", 1_000_000));

        assertEquals("--burst 2000: use EVENTS/PERIOD_MS, e.g. 2000/100", ex.getMessage());
    }
}

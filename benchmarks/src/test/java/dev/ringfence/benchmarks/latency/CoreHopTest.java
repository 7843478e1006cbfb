package dev.ringfence.benchmarks.latency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The machine's hop between cores, measured for real (no figure is asserted: it is the machine's). */
class CoreHopTest
{
    @Test
    @Timeout(30)
    void aReadingIsARoundTripOrNotMeasured() throws InterruptedException
    {
        final double nanos = CoreHop.roundTripNanos();

        assertTrue(Double.isNaN(nanos) || nanos > 0 && Double.isFinite(nanos), "round trip " + nanos);
        assertNoResponderLeft();
    }

    @Test
    @Timeout(30)
    void aReadingPastItsDeadlineIsNotMeasuredAndEndsItsThread() throws InterruptedException
    {
        assertTrue(Double.isNaN(CoreHop.roundTripNanos(0)), "given no time, nothing is measured");
        assertNoResponderLeft();
    }

    private static void assertNoResponderLeft()
    {
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("core-hop") && t.isAlive()),
            "the answering thread is still there");
    }
}

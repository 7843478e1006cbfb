package dev.ringfence.benchmarks.latency;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The machine's hop between cores, measured for real: a figure comes back and no thread is left behind. */
class CoreHopTest
{
    @Test
    void twoCpusGiveARoundTripAndTheOtherThreadEnds() throws InterruptedException
    {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "the two threads spin: they need two CPUs");

        final double nanos = CoreHop.roundTripNanos();

        assertTrue(nanos > 0 && Double.isFinite(nanos), "round trip " + nanos);
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("core-hop")),
            "the answering thread is still there");
    }
}

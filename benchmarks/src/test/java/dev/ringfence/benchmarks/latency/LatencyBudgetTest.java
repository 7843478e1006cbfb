package dev.ringfence.benchmarks.latency;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI latency check on made-up results (nothing is timed here): ratios, not milliseconds. */
class LatencyBudgetTest
{
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private static Properties budget(final String... keysAndValues)
    {
        final Properties budget = new Properties();
        budget.setProperty("rate", "100000");
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            budget.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return budget;
    }

    private int check(final Properties budget, final TrialResult... results)
    {
        return LatencyBudget.check(new PrintStream(printed, true, StandardCharsets.UTF_8), List.of(results), budget);
    }

    private String printed()
    {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEngineTailTooFarFromTheLimitFails()
    {
        final int exit = check(budget("engineOverLimit.p99.max", "3"), ReportsTest.constant("engine", 20), ReportsTest.constant("limit", 5));

        assertEquals(LatencyBudget.OVER_BUDGET, exit);
        assertTrue(printed().contains("p99 engine/limit 4.00 (maximum 3)"), printed());
    }

    @Test
    void anEngineNotAheadOfTheBaselineAtP999Fails()
    {
        final int exit = check(budget("baselineOverEngine.p999.min", "1"), ReportsTest.constant("engine", 20), ReportsTest.constant("baseline", 10));

        assertEquals(LatencyBudget.OVER_BUDGET, exit);
        assertTrue(printed().contains("p99.9 baseline/engine 0.50 (minimum 1)"), printed());
    }

    @Test
    void ratiosWithinTheirBoundsPass()
    {
        final int exit = check(budget("engineOverLimit.p50.max", "4.1", "baselineOverEngine.p9999.min", "9.9"),
            ReportsTest.constant("engine", 20), ReportsTest.constant("limit", 5), ReportsTest.constant("baseline", 200));

        assertEquals(0, exit, printed());
        assertTrue(printed().contains("latency check: PASS"), printed());
    }

    @Test
    void aMisspeltKeyFailsAsABudgetThatCannotBeChecked()
    {
        final int exit = check(budget("engineOverLimit.p99.min", "3"), ReportsTest.constant("engine", 20), ReportsTest.constant("limit", 5));

        assertEquals(LatencyBudget.NOT_CHECKED, exit);
        assertTrue(printed().contains("unknown budget key engineOverLimit.p99.min"), printed());
    }

    @Test
    void aRatioWhosePipelineDidNotRunFailsAsABudgetThatCannotBeChecked()
    {
        final int exit = check(budget("engineOverLimit.p50.max", "6"), ReportsTest.constant("engine", 20));

        assertEquals(LatencyBudget.NOT_CHECKED, exit);
        assertTrue(printed().contains("the limit pipeline did not run"), printed());
    }

    @Test
    void anAllocatingEngineFails()
    {
        final TrialResult steady = ReportsTest.constant("engine", 1);
        final TrialResult allocating = new TrialResult("engine", 100_000, 100_000, 1000, steady.histogram, 0.5, 0, 0,
            steady.serviceTime, steady.publisherLateness, null, CoreHop.NOT_MEASURED, CoreHop.NOT_MEASURED);

        assertEquals(LatencyBudget.OVER_BUDGET, check(budget("engineMaxAllocatedBytesPerEvent", "0.05"), allocating));
        assertTrue(printed().contains("allocated 0.5000 bytes per event"), printed());
    }

    @Test
    void aCoreHopThatMovedDuringTheRunIsNotedWithoutChangingTheVerdict()
    {
        final TrialResult engine = ReportsTest.constant("engine", 2).withCoreHops(340, 352);
        final TrialResult limit = ReportsTest.constant("limit", 1).withCoreHops(61, 66);

        assertEquals(0, check(budget("engineOverLimit.p99.max", "6"), engine, limit));
        assertTrue(printed().contains("latency check: PASS"), printed());
        assertTrue(printed().contains("latency check: note: the machine's core-to-core round trip moved during the run "
            + "(before / after each pipeline: engine 340 ns / 352 ns, limit 61 ns / 66 ns)"), printed());
    }

    @Test
    void aCoreHopThatMovedByTwiceOrLessIsNotNoted()
    {
        assertNull(LatencyBudget.hopNote(List.of(ReportsTest.constant("engine", 2).withCoreHops(61, 122),
            ReportsTest.constant("limit", 1).withCoreHops(70, 66))));
    }

    @Test
    void aCoreHopNotMeasuredIsLeftOutOfTheComparison()
    {
        final String note = LatencyBudget.hopNote(List.of(ReportsTest.constant("engine", 2).withCoreHops(340, CoreHop.NOT_MEASURED),
            ReportsTest.constant("limit", 1).withCoreHops(61, 66)));

        assertTrue(note != null && note.contains("engine 340 ns / not measured, limit 61 ns / 66 ns"), note);
    }
}

package dev.ringfence.benchmarks.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arithmetic and shape of the harness's reports, on made-up histograms (nothing is timed here). */
class ReportsTest
{
    /** A result whose every recorded latency is {@code micros}. */
    static TrialResult constant(final String name, final long micros)
    {
        final Histogram h = new Histogram(Harness.HIGHEST_NANOS, 3);
        h.recordValueWithCount(micros * 1000, 1000);
        final Histogram none = new Histogram(Harness.HIGHEST_NANOS, 3);
        none.recordValue(0);
        return new TrialResult(name, 100_000, 100_000, 1000, h, 0, 0, 0, none, none, null, CoreHop.NOT_MEASURED, CoreHop.NOT_MEASURED);
    }

    @Test
    void ratiosAreSlowerOverFasterAtEveryReportedPercentile()
    {
        final TrialResult engine = constant("engine", 20);
        final TrialResult limit = constant("limit", 5);
        assertEquals(4.0, Reports.ratio(engine, limit, 99), 0.01);
        assertEquals("{\"p50\":4.00,\"p90\":4.00,\"p99\":4.00,\"p999\":4.00,\"p9999\":4.00}", Reports.ratiosJson(engine, limit));
    }

    @Test
    void jsonHasTheLimitWithTheEnginesFieldsAndBothRatios()
    {
        final String json = Reports.json(List.of(constant("engine", 20), constant("baseline", 200), constant("limit", 5)), Double.NaN, 100);
        assertTrue(json.contains("\"limit\":{\"ratePerSecond\":100000,"), json);
        assertEquals(fields(json, "engine"), fields(json, "limit"));
        assertTrue(json.contains("\"engineOverLimit\":{\"p50\":4.00,\"p90\":4.00,\"p99\":4.00,\"p999\":4.00,\"p9999\":4.00}"), json);
        assertTrue(json.contains("\"baselineOverEngine\":{\"p50\":10.00,\"p90\":10.00,\"p99\":10.00,\"p999\":10.00,\"p9999\":10.00}"), json);
    }

    @Test
    void theJsonCarriesTheCoreHopsAroundEachPipelineAndNullForOneNotMeasured()
    {
        final String json = Reports.json(List.of(constant("engine", 20).withCoreHops(61.4, 348.6), constant("limit", 5)), Double.NaN, 100);

        assertTrue(json.contains("\"coreHopBeforeNanos\":61,\"coreHopAfterNanos\":349}"), json);
        assertTrue(json.contains("\"coreHopBeforeNanos\":null,\"coreHopAfterNanos\":null}"), json);
    }

    @Test
    void theSummaryPrintsTheCoreHopsAroundEachPipeline()
    {
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Reports.summary(new PrintStream(printed, true, StandardCharsets.UTF_8),
            List.of(constant("engine", 20).withCoreHops(61.4, 348.6), constant("limit", 5)), Double.NaN, 100);

        assertTrue(printed.toString(StandardCharsets.UTF_8)
            .contains("before / after each pipeline: engine 61 ns / 349 ns, limit not measured / not measured"), printed::toString);
    }

    @Test
    void withoutTheLimitThereIsNoLimitRatio()
    {
        final String json = Reports.json(List.of(constant("engine", 20), constant("baseline", 200)), Double.NaN, 100);
        assertTrue(!json.contains("engineOverLimit") && json.contains("baselineOverEngine"), json);
        assertNull(Reports.find(List.of(constant("engine", 20)), "limit"));
    }

    @Test
    void pipelinesDefaultToAllThreeAndRunInTheOrderGiven()
    {
        assertEquals(List.of("engine", "baseline", "limit"), Harness.pipelines("all"));
        assertEquals(List.of("engine", "baseline"), Harness.pipelines("both"));
        assertEquals(List.of("limit", "engine"), Harness.pipelines("limit,engine"), "to see what running first costs");
        assertEquals(List.of("engine", "limit"), Harness.pipelines("engine,limit,engine"));
        assertThrows(IllegalArgumentException.class, () -> Harness.pipelines("fastest"));
    }

    /** The field names of one pipeline's JSON object, in order. */
    private static String fields(final String json, final String pipeline)
    {
        final int start = json.indexOf("\"" + pipeline + "\":{");
        final String object = json.substring(start, json.indexOf('}', start));
        return object.replaceAll(":[-0-9.]+", "").replace("\"" + pipeline + "\":{", "");
    }
}

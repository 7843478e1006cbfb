package dev.ringfence.benchmarks.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The harness's outputs: the summary table, JSON, .hgrm files and the HTML plot (the CI budget check is LatencyBudget's). */
final class Reports
{
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private Reports()
    {
    }

    static void summary(final PrintStream out, final List<TrialResult> results, final double sustainable, final double budget)
    {
        out.println();
        out.printf(Locale.ROOT, "%-9s %11s %11s %10s %10s %10s %10s %11s %10s %11s %11s %5s%n",
            "pipeline", "planned/s", "achieved/s", "events", "p50 µs", "p99 µs", "p99.9 µs", "p99.99 µs", "max µs", "alloc B/ev",
            "publish B/ev", "GCs");
        for (final TrialResult r : results)
        {
            out.printf(Locale.ROOT, "%-9s %,11.0f %,11.0f %,10d %10.2f %10.2f %10.2f %11.2f %10.1f %11.4f %11.4f %5d%n",
                r.pipeline, r.plannedRate, r.achievedRate, r.events, r.micros(50), r.micros(99), r.micros(99.9),
                r.micros(99.99), r.maxMicros(), r.allocatedBytesPerEvent, r.publisherBytesPerEvent, r.gcCount);
        }
        final TrialResult engine = find(results, "engine");
        final TrialResult baseline = find(results, "baseline");
        final TrialResult limit = find(results, "limit");
        if (engine != null && (baseline != null || limit != null))
        {
            out.printf(Locale.ROOT, "%-16s %9s %9s %9s %9s %9s%n", "ratio", "p50", "p90", "p99", "p99.9", "p99.99");
            if (limit != null)
            {
                ratioRow(out, "engine/limit", engine, limit);
            }
            if (baseline != null)
            {
                ratioRow(out, "baseline/engine", baseline, engine);
            }
        }
        for (final TrialResult r : results)
        {
            if (r.ownHistogram != null)
            {
                out.println(r.ownHistogram.summary(r.histogram));
            }
        }
        out.println("where the time goes (µs): service = journal + logic for one event; lateness = the publisher itself sending late");
        for (final TrialResult r : results)
        {
            out.printf(Locale.ROOT, "  %-9s service p50 %.2f p99 %.2f p99.9 %.2f max %.1f | lateness p50 %.2f p99 %.2f p99.9 %.2f max %.1f%n",
                r.pipeline, us(r.serviceTime, 50), us(r.serviceTime, 99), us(r.serviceTime, 99.9), r.serviceTime.getMaxValue() / 1000.0,
                us(r.publisherLateness, 50), us(r.publisherLateness, 99), us(r.publisherLateness, 99.9), r.publisherLateness.getMaxValue() / 1000.0);
        }
        out.println("the machine's core-to-core round trip (a host may move its CPUs): " + hopReadings(results));
        if (!Double.isNaN(sustainable))
        {
            out.printf(Locale.ROOT, "highest rate with engine p99 <= %.0f µs: %,.0f events/s%n", budget, sustainable);
        }
        out.println();
    }

    private static void ratioRow(final PrintStream out, final String label, final TrialResult slower, final TrialResult faster)
    {
        out.printf(Locale.ROOT, "%-16s", label);
        for (final double p : PERCENTILES)
        {
            out.printf(Locale.ROOT, " %8.2fx", ratio(slower, faster, p));
        }
        out.println();
    }

    /** {@code {"p50":..,"p90":..,"p99":..,"p999":..,"p9999":..}}: slower over faster at each reported percentile. */
    static String ratiosJson(final TrialResult slower, final TrialResult faster)
    {
        final StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            b.append(i == 0 ? "" : ",").append("\"p").append(format(PERCENTILES[i]).replace(".", "")).append("\":")
                .append(String.format(Locale.ROOT, "%.2f", ratio(slower, faster, PERCENTILES[i])));
        }
        return b.append('}').toString();
    }

    /** The round trips around each pipeline, as the summary and the note print them. */
    static String hopReadings(final List<TrialResult> results)
    {
        final StringBuilder readings = new StringBuilder("before / after each pipeline: ");
        for (int i = 0; i < results.size(); i++)
        {
            final TrialResult r = results.get(i);
            readings.append(i == 0 ? "" : ", ").append(r.pipeline).append(' ').append(nanos(r.coreHopBeforeNanos))
                .append(" / ").append(nanos(r.coreHopAfterNanos));
        }
        return readings.toString();
    }

    private static String nanos(final double nanos)
    {
        return Double.isNaN(nanos) ? "not measured" : String.format(Locale.ROOT, "%.0f ns", nanos);
    }

    private static double us(final Histogram h, final double percentile)
    {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    static double ratio(final TrialResult slower, final TrialResult faster, final double percentile)
    {
        return slower.micros(percentile) / Math.max(1e-3, faster.micros(percentile));
    }

    static TrialResult find(final List<TrialResult> results, final String name)
    {
        for (final TrialResult r : results)
        {
            if (r.pipeline.equals(name))
            {
                return r;
            }
        }
        return null;
    }

    static String json(final List<TrialResult> results, final double sustainable, final double budget)
    {
        final StringBuilder b = new StringBuilder("{");
        for (final TrialResult r : results)
        {
            b.append('"').append(r.pipeline).append("\":").append(r.toJson()).append(',');
        }
        final TrialResult engine = find(results, "engine");
        final TrialResult baseline = find(results, "baseline");
        final TrialResult limit = find(results, "limit");
        if (engine != null && baseline != null)
        {
            b.append("\"baselineOverEngine\":").append(ratiosJson(baseline, engine)).append(',');
        }
        if (engine != null && limit != null)
        {
            b.append("\"engineOverLimit\":").append(ratiosJson(engine, limit)).append(',');
        }
        if (engine != null && engine.ownHistogram != null)
        {
            b.append("\"engineOwnHistogram\":").append(engine.ownHistogram.toJson(engine.histogram)).append(',');
        }
        if (!Double.isNaN(sustainable))
        {
            b.append(String.format(Locale.ROOT, "\"sustainableRatePerSecond\":%.0f,\"sustainableP99BudgetMicros\":%.1f,", sustainable, budget));
        }
        b.append(String.format(Locale.ROOT, "\"cores\":%d,\"java\":\"%s\"}%n",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        return b.toString();
    }

    static void writeHistograms(final Path dir, final List<TrialResult> results) throws IOException
    {
        for (final TrialResult r : results)
        {
            try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(r.pipeline + ".hgrm")), true, StandardCharsets.UTF_8))
            {
                r.histogram.outputPercentileDistribution(out, 1000.0);
            }
        }
    }

    /** A self-contained percentile plot (inline SVG, log-log, as HdrHistogram's plotter draws it). */
    static void writeHtml(final Path file, final List<TrialResult> results, final String load) throws IOException
    {
        final int width = 900;
        final int height = 420;
        final int left = 70;
        final int bottom = 40;
        final double maxX = 1e6; // 99.9999th percentile
        double maxY = 1;
        double minY = Double.MAX_VALUE;
        final List<List<double[]>> series = new ArrayList<>();
        for (final TrialResult r : results)
        {
            final List<double[]> points = new ArrayList<>();
            for (final HistogramIterationValue v : r.histogram.percentiles(5))
            {
                final double percentile = v.getPercentileLevelIteratedTo();
                if (percentile >= 100.0)
                {
                    break;
                }
                final double x = 1.0 / (1.0 - percentile / 100.0);
                final double micros = Math.max(0.01, v.getValueIteratedTo() / 1000.0);
                points.add(new double[] {Math.min(x, maxX), micros});
                maxY = Math.max(maxY, micros);
                minY = Math.min(minY, micros);
            }
            series.add(points);
        }
        final double logMinY = Math.floor(Math.log10(Math.max(0.01, minY)));
        final double logMaxY = Math.ceil(Math.log10(maxY));
        final StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ringfence latency</title><style>")
            .append("body{font-family:system-ui,Helvetica,Arial,sans-serif;margin:24px}table{border-collapse:collapse}")
            .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}th{background:#f3f3f3}</style></head><body>\n")
            .append("<h1>Open-loop latency: ").append(load).append("</h1>\n")
            .append("<p>From each event's planned send time to the business logic's decision (the limit: to a consumer with the")
            .append(" engine's ring and wait strategy that only records the time). Log-log percentile plot.</p>\n");
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height).append("\">\n");
        h.append("<rect x=\"").append(left).append("\" y=\"10\" width=\"").append(width - left - 20).append("\" height=\"")
            .append(height - bottom - 10).append("\" fill=\"#fafafa\" stroke=\"#ddd\"/>\n");
        final String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};
        for (int k = 0; k <= 6; k++)
        {
            final double x = left + k / 6.0 * (width - left - 20);
            h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"10\" y2=\"%d\" stroke=\"#eee\"/>", x, x, height - bottom));
            h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n", x, height - bottom + 16, xLabels[k]));
        }
        for (double e = logMinY; e <= logMaxY; e++)
        {
            final double y = 10 + (height - bottom - 10) * (1 - (e - logMinY) / Math.max(1, logMaxY - logMinY));
            h.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>", left, width - 20, y, y));
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s µs</text>%n",
                left - 6, y + 4, e >= 0 ? String.format(Locale.ROOT, "%,.0f", Math.pow(10, e)) : String.format(Locale.ROOT, "%.2f", Math.pow(10, e))));
        }
        final String[] colours = {"#1f77b4", "#d62728", "#2ca02c"};
        for (int s = 0; s < series.size(); s++)
        {
            final StringBuilder points = new StringBuilder();
            for (final double[] p : series.get(s))
            {
                final double x = left + Math.log10(p[0]) / 6.0 * (width - left - 20);
                final double y = 10 + (height - bottom - 10) * (1 - (Math.log10(p[1]) - logMinY) / Math.max(1, logMaxY - logMinY));
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            h.append("<polyline fill=\"none\" stroke=\"").append(colours[s % colours.length]).append("\" stroke-width=\"2\" points=\"")
                .append(points).append("\"/>\n");
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"%s\">%s</text>%n",
                left + 10, 28 + 18 * s, colours[s % colours.length], results.get(s).pipeline));
        }
        h.append("</svg>\n<table><tr><th>pipeline</th>");
        for (final double p : PERCENTILES)
        {
            h.append("<th>p").append(format(p)).append(" µs</th>");
        }
        h.append("<th>max µs</th><th>alloc B/event</th><th>GCs</th></tr>\n");
        for (final TrialResult r : results)
        {
            h.append("<tr><th>").append(r.pipeline).append("</th>");
            for (final double p : PERCENTILES)
            {
                h.append(String.format(Locale.ROOT, "<td>%.2f</td>", r.micros(p)));
            }
            h.append(String.format(Locale.ROOT, "<td>%.1f</td><td>%.4f</td><td>%d</td></tr>%n", r.maxMicros(), r.allocatedBytesPerEvent, r.gcCount));
        }
        h.append("</table></body></html>\n");
        Files.writeString(file, h.toString(), StandardCharsets.UTF_8);
    }

    private static String format(final double percentile)
    {
        return percentile == Math.rint(percentile) ? Long.toString((long)percentile) : Double.toString(percentile);
    }
}

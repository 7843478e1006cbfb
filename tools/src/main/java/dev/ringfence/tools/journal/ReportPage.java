package dev.ringfence.tools.journal;

import dev.ringfence.engine.event.LifecycleEventType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * The reports' one HTML file: the charts (uPlot, inlined from its WebJar, with the report's own plain
 * script and stylesheet, so nothing is fetched when the file is opened), the data of one run (the journal
 * report) or two side by side (the what-if), a summary and the guard events.
 *
 * <p>Each run's samples are thinned here to at most {@link #STORED_BUCKETS} time buckets, every bucket's
 * lowest and highest equity and drawdown kept ({@link Decimation}); the script thins again to the pixels
 * of the window in view each time the charts are zoomed or panned, with the same rule.
 */
final class ReportPage
{
    /** Buckets per run kept in the file: about 2 s each over a whole day, under 10 MB of data. */
    static final int STORED_BUCKETS = 40_000;

    private static final String RESOURCES = "dev/ringfence/tools/journal/";

    private ReportPage()
    {
    }

    /**
     * @param title    the page's heading.
     * @param subtitle what it is about (the journal directory, the settings compared).
     * @param runs     one run, or two compared (the first the reference).
     */
    static String html(final String title, final List<String> subtitle, final List<RunRecord> runs)
    {
        final StringBuilder h = new StringBuilder(256 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n")
            .append("<title>").append(escape(title)).append("</title>\n<style>\n")
            .append(uplot("uPlot.min.css")).append('\n').append(resource("report.css")).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n");
        for (final String line : subtitle)
        {
            h.append("<p class=\"sub\">").append(escape(line)).append("</p>\n");
        }
        final boolean anySamples = runs.stream().anyMatch(r -> r.samples > 0);
        if (anySamples)
        {
            h.append("<div id=\"controls\">")
                .append("<button id=\"all\" title=\"the whole period (double-click a chart)\">whole period</button>")
                .append("<button id=\"out\" title=\"zoom out\">&minus;</button><button id=\"in\" title=\"zoom in\">+</button>")
                .append("<button id=\"left\" title=\"pan left (&larr;)\">&#9664;</button><button id=\"right\" title=\"pan right (&rarr;)\">&#9654;</button>")
                .append("<span id=\"window\"></span>")
                .append("<span class=\"hint\">drag to zoom in, wheel to zoom, shift-drag or arrow keys to pan, double-click for the whole period; ")
                .append("hover a marker for its details</span></div>\n")
                .append("<div id=\"equity\" class=\"chart\"></div>\n<div id=\"drawdown\" class=\"chart\"></div>\n")
                .append("<div id=\"markers-legend\"></div>\n<div id=\"tip\"></div>\n");
        }
        else
        {
            h.append("<p>No valid account reports: nothing to chart.</p>\n");
        }
        if (runs.size() == 1)
        {
            summary(h, runs.get(0));
        }
        else
        {
            comparison(h, runs);
        }
        events(h, runs);
        if (anySamples)
        {
            h.append("<script>\n").append(uplot("uPlot.iife.min.js").replace("</script", "<\\/script")).append("\n</script>\n");
            h.append("<script>\nwindow.REPORT = ");
            data(h, runs);
            h.append(";\n</script>\n<script>\n").append(resource("report.js")).append("</script>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    // ------------------------------------------------------------------ data

    private static void data(final StringBuilder h, final List<RunRecord> runs)
    {
        long origin = Long.MAX_VALUE;
        for (final RunRecord run : runs)
        {
            if (run.samples > 0)
            {
                origin = Math.min(origin, run.t[0]);
            }
            for (final RunRecord.Marker m : run.markers)
            {
                if (m.timeMillis > 0)
                {
                    origin = Math.min(origin, m.timeMillis);
                }
            }
        }
        h.append("{\"origin\":").append(origin).append(",\"runs\":[");
        for (int r = 0; r < runs.size(); r++)
        {
            final RunRecord run = runs.get(r);
            final int digits = run.currencyDigits();
            final int[] kept = Decimation.keep(run.t, run.samples, STORED_BUCKETS, run.equity, run.drawdown);
            h.append(r == 0 ? "" : ",").append("\n{\"name\":");
            quote(h, run.name);
            h.append(",\"digits\":").append(digits).append(",\"samples\":").append(run.samples);
            final long base = origin;
            column(h, "t", kept, i -> Long.toString(run.t[i] - base));
            column(h, "eq", kept, i -> number(run.equity[i], digits));
            column(h, "pk", kept, i -> number(run.peak[i], digits));
            column(h, "dd", kept, i -> number(run.drawdown[i], 4));
            h.append(",\n\"lim\":[");
            for (int i = 0; i < run.limits.size(); i++)
            {
                final double[] l = run.limits.get(i);
                h.append(i == 0 ? "" : ",").append('[').append((long)l[0] - origin).append(',').append(number(l[1], 4)).append(',')
                    .append(number(l[2], digits)).append(',').append(number(l[3], digits)).append(']');
            }
            h.append("],\n\"mk\":[");
            boolean first = true;
            for (final RunRecord.Marker m : run.markers)
            {
                h.append(first ? "" : ",\n").append('[').append(m.timeMillis == 0 ? 0 : m.timeMillis - origin).append(',');
                quote(h, m.kind);
                h.append(',');
                quote(h, m.text);
                h.append(']');
                first = false;
            }
            h.append("]}");
        }
        h.append("]}");
    }

    private static void column(final StringBuilder h, final String name, final int[] kept, final Function<Integer, String> value)
    {
        h.append(",\n\"").append(name).append("\":[");
        for (int k = 0; k < kept.length; k++)
        {
            if (k > 0)
            {
                h.append(',');
            }
            h.append(value.apply(kept[k]));
        }
        h.append(']');
    }

    private static String number(final double v, final int digits)
    {
        if (!Double.isFinite(v))
        {
            return "null";
        }
        final String s = String.format(Locale.ROOT, "%." + digits + "f", v);
        if (s.indexOf('.') < 0)
        {
            return s.equals("-0") ? "0" : s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0')
        {
            end--;
        }
        if (s.charAt(end - 1) == '.')
        {
            end--;
        }
        final String trimmed = s.substring(0, end);
        return trimmed.equals("-0") ? "0" : trimmed;
    }

    /** A JSON string that is also safe inside a script element. */
    static void quote(final StringBuilder h, final String text)
    {
        h.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"':
                    h.append("\\\"");
                    break;
                case '\\':
                    h.append("\\\\");
                    break;
                case '<':
                    h.append("\\u003c");
                    break;
                case '>':
                    h.append("\\u003e");
                    break;
                case '&':
                    h.append("\\u0026");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029')
                    {
                        h.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        h.append(c);
                    }
            }
        }
        h.append('"');
    }

    // ------------------------------------------------------------------ tables

    private static void summary(final StringBuilder h, final RunRecord run)
    {
        h.append("<h2>Summary</h2>\n<table class=\"summary\">\n");
        for (final String[] row : rows(run))
        {
            row(h, row[0], row[1]);
        }
        h.append("</table>\n");
    }

    private static void comparison(final StringBuilder h, final List<RunRecord> runs)
    {
        final RunRecord a = runs.get(0);
        final RunRecord b = runs.get(1);
        h.append("<h2>Side by side</h2>\n<table class=\"summary\"><tr><th></th><th>").append(escape(a.name)).append("</th><th>")
            .append(escape(b.name)).append("</th></tr>\n");
        final List<String[]> left = rows(a);
        final List<String[]> right = rows(b);
        for (int i = 0; i < left.size(); i++)
        {
            final boolean differs = !left.get(i)[1].equals(right.get(i)[1]);
            h.append("<tr").append(differs && i > 0 ? " class=\"differs\"" : "").append("><th>").append(escape(left.get(i)[0]))
                .append("</th><td>").append(escape(left.get(i)[1])).append("</td><td>").append(escape(right.get(i)[1])).append("</td></tr>\n");
        }
        final double difference = b.profit() - a.profit();
        h.append("<tr class=\"total\"><th>P/L difference (").append(escape(b.name)).append(" minus ").append(escape(a.name))
            .append(")</th><td colspan=\"2\">").append(escape(signed(b, difference))).append("</td></tr>\n</table>\n");
    }

    static String signed(final RunRecord run, final double v)
    {
        return (v > 0 ? "+" : "") + run.money(v);
    }

    static List<String[]> rows(final RunRecord run)
    {
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"period", run.firstTime == Long.MAX_VALUE ? "empty" :
            Instant.ofEpochMilli(run.firstTime) + " to " + Instant.ofEpochMilli(run.lastTime)});
        rows.add(new String[] {"equity samples", String.format(Locale.ROOT, "%,d", run.samples)});
        rows.add(new String[] {"first equity", run.money(run.firstEquity())});
        rows.add(new String[] {"last equity", run.money(run.lastEquity())});
        rows.add(new String[] {"P/L (deposits and withdrawals taken out)", run.samples == 0 ? "-" : signed(run, run.profit())});
        rows.add(new String[] {"lowest equity", run.money(run.minEquity)});
        rows.add(new String[] {"highest peak", run.money(run.highestPeak)});
        rows.add(new String[] {"largest drawdown", String.format(Locale.ROOT, "%.4f %%", run.maxDrawdown)});
        rows.add(new String[] {"realized profit of closed positions", run.money(run.realizedProfit)});
        rows.add(new String[] {"signals received / approved / rejected", run.count(LifecycleEventType.SIGNAL_RECEIVED) + " / " +
            run.count(LifecycleEventType.SIGNAL_APPROVED) + " / " + run.count(LifecycleEventType.SIGNAL_REJECTED)});
        rows.add(new String[] {"trades executed / failed", run.count(LifecycleEventType.TRADE_EXECUTED) + " / " +
            run.count(LifecycleEventType.TRADE_FAILED)});
        rows.add(new String[] {"positions closed", Integer.toString(run.count(LifecycleEventType.POSITION_CLOSED))});
        rows.add(new String[] {"guard trips", run.tripsByRule.isEmpty() ? "none" : run.tripsByRule.toString()});
        rows.add(new String[] {"flattens completed / re-arms", run.count(LifecycleEventType.FLATTEN_COMPLETED) + " / " +
            run.count(LifecycleEventType.GUARD_REARMED)});
        rows.add(new String[] {"data degraded / terminal disconnects", run.count(LifecycleEventType.DATA_DEGRADED) + " / " +
            run.count(LifecycleEventType.TERMINAL_DISCONNECTED)});
        rows.add(new String[] {"errors", Integer.toString(run.count(LifecycleEventType.ERROR))});
        rows.add(new String[] {"limits at the end", limits(run)});
        rows.add(new String[] {"guard state at the end", run.guardStateAtEnd() + ", " + run.openPositionsAtEnd() + " open positions"});
        return rows;
    }

    private static String limits(final RunRecord run)
    {
        if (run.limits.isEmpty())
        {
            return "-";
        }
        final double[] l = run.limits.get(run.limits.size() - 1);
        return "drawdown cap " + (Double.isNaN(l[1]) ? "off" : number(l[1], 4) + " %") + ", equity floor " +
            (Double.isNaN(l[2]) ? "off" : run.money(l[2])) + ", daily loss level " + (Double.isNaN(l[3]) ? "off" : run.money(l[3]));
    }

    private static void events(final StringBuilder h, final List<RunRecord> runs)
    {
        final boolean both = runs.size() > 1;
        final StringBuilder rows = new StringBuilder();
        for (final RunRecord run : runs)
        {
            for (final RunRecord.Marker m : run.markers)
            {
                if (!m.kind.equals(RunRecord.TRADE))
                {
                    rows.append("<tr class=\"").append(m.kind).append("\"><td>")
                        .append(m.timeMillis == 0 ? "-" : Instant.ofEpochMilli(m.timeMillis).toString()).append("</td>");
                    if (both)
                    {
                        rows.append("<td>").append(escape(run.name)).append("</td>");
                    }
                    rows.append("<td>").append(escape(m.text)).append("</td></tr>\n");
                }
            }
        }
        if (rows.length() == 0)
        {
            return;
        }
        h.append("<h2>Guard events</h2>\n<table class=\"events\"><tr><th>time (UTC)</th>").append(both ? "<th>run</th>" : "")
            .append("<th>what</th></tr>\n").append(rows).append("</table>\n");
    }

    private static void row(final StringBuilder h, final String key, final String value)
    {
        h.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ------------------------------------------------------------------ resources

    private static String uplot(final String file)
    {
        final Properties properties = new Properties();
        try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(RESOURCES + "report.properties"))
        {
            if (in == null)
            {
                throw new IllegalStateException("report.properties is missing from the classpath");
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return read("META-INF/resources/webjars/uplot/" + properties.getProperty("uplot.version") + "/dist/" + file);
    }

    private static String resource(final String file)
    {
        return read(RESOURCES + file);
    }

    private static String read(final String path)
    {
        try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(path))
        {
            if (in == null)
            {
                throw new IllegalStateException(path + " is missing from the classpath (a broken build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

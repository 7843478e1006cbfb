package dev.ringfence.tools.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The reports' one HTML file: the charts (uPlot, inlined from its WebJar, with the report's own plain
 * script and stylesheet, so nothing is fetched when the file is opened), the data of one run (the journal
 * report) or two side by side (the what-if, {@link ReportData}), a summary and the guard events
 * ({@link ReportTables}).
 *
 * <p>Each run's samples are thinned in the file to at most {@link ReportData#STORED_BUCKETS} time buckets;
 * the script thins again to the pixels of the window in view each time the charts are zoomed or panned,
 * with the same rule.
 */
final class ReportPage
{
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
            ReportTables.summary(h, runs.get(0));
        }
        else
        {
            ReportTables.comparison(h, runs);
        }
        ReportTables.events(h, runs);
        if (anySamples)
        {
            h.append("<script>\n").append(uplot("uPlot.iife.min.js").replace("</script", "<\\/script")).append("\n</script>\n");
            h.append("<script>\nwindow.REPORT = ");
            ReportData.write(h, runs);
            h.append(";\n</script>\n<script>\n").append(resource("report.js")).append("</script>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** Text for HTML: the characters that could end an element or an attribute, escaped. */
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

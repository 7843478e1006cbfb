package dev.ringfence.tools.journal;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.logic.BusinessLogic;
import dev.ringfence.journal.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code ringfence journal report DIR --out FILE.html}: a bad day at a glance. Replays the journal and
 * samples the guard's own view (equity, peak, drawdown) after every account report, marks trades,
 * trips, flattens and re-arms, and writes one self-contained HTML file: inline SVG, no scripts, no fonts.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Writes a self-contained HTML report of a journal: equity, peak and drawdown over time with trades, trips, flattens and re-arms marked, and a summary table.")
public final class JournalReportCommand implements Callable<Integer>
{
    private static final int MAX_POINTS = 2_000;
    private static final int WIDTH = 1100;
    private static final int EQUITY_HEIGHT = 300;
    private static final int DRAWDOWN_HEIGHT = 150;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Where to write the report.")
    Path out;

    private final List<double[]> samples = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final Map<LifecycleEventType, Integer> counts = new EnumMap<>(LifecycleEventType.class);
    private final Map<String, Integer> tripsByRule = new TreeMap<>();
    private double realizedProfit;

    @Override
    public Integer call() throws IOException
    {
        final BusinessLogic logic;
        final long first;
        final long last;
        try (RecordedJournal recorded = RecordedJournal.open(dir))
        {
            final DirectEngine engine = new DirectEngine(recorded.config, recorded.symbols, OrderCommands.DISCARD, this::onLifecycle, () -> 0);
            logic = engine.logic();
            final long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
            recorded.journal.reader().readInbound(new JournalReader.InboundVisitor()
            {
                @Override
                public void onEvent(final long index, final InboundEvent event)
                {
                    engine.process(event);
                    span[0] = Math.min(span[0], event.timeMillis());
                    span[1] = Math.max(span[1], event.timeMillis());
                    if (event.type() == InboundEventType.ACCOUNT && Double.isFinite(logic.lastEquity()) && logic.peakEquity() > 0)
                    {
                        samples.add(new double[] {event.timeMillis(), logic.lastEquity(), logic.peakEquity(), logic.drawdownPercent()});
                    }
                }

                @Override
                public void onDamaged(final long index, final String problem)
                {
                    markers.add(new Marker(0, "DAMAGED", "damaged entry #" + Long.toHexString(index) + ": " + problem, "#999"));
                }
            });
            first = span[0];
            last = span[1];
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence journal report: " + ex.getMessage());
            return 2;
        }
        Files.writeString(out, html(first, last, logic), StandardCharsets.UTF_8);
        System.out.printf("report: %s (%,d equity samples, %d markers)%n", out, samples.size(), markers.size());
        return 0;
    }

    private void onLifecycle(final LifecycleEvent e)
    {
        counts.merge(e.type(), 1, Integer::sum);
        switch (e.type())
        {
            case TRADE_EXECUTED:
                markers.add(new Marker(e.timeMillis(), "TRADE", String.format(Locale.ROOT, "trade %s %s %.2f @ %s (ticket %d)",
                    e.side(), e.signalId(), e.volume(), e.price(), e.ticket()), "#2a7ae2"));
                break;
            case GUARD_TRIPPED:
                tripsByRule.merge(e.rule().name(), 1, Integer::sum);
                markers.add(new Marker(e.timeMillis(), "TRIP", String.format(Locale.ROOT, "guard tripped: %s at equity %.2f, peak %.2f, drawdown %.2f %%",
                    e.rule(), e.equity(), e.peak(), e.drawdownPercent()), "#d62728"));
                break;
            case FLATTEN_COMPLETED:
                markers.add(new Marker(e.timeMillis(), "FLAT", "flatten completed: " + e.count() + " positions closed", "#ff7f0e"));
                break;
            case GUARD_REARMED:
            case CONFIG_REBASED:
                markers.add(new Marker(e.timeMillis(), "REARM", "re-armed by " + e.actor() + ", new peak " + String.format(Locale.ROOT, "%.2f", e.peak()), "#2ca02c"));
                break;
            case POSITION_CLOSED:
            case POSITION_REDUCED:
                // Each closing deal is reported once, by one of the two: a partial close, then the rest.
                realizedProfit += e.profit();
                break;
            default:
                break;
        }
    }

    // ------------------------------------------------------------------ HTML

    private String html(final long first, final long last, final BusinessLogic logic)
    {
        final List<double[]> points = downsample(samples);
        final StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ringfence report: ")
            .append(escape(dir.toString())).append("</title>\n<style>")
            .append("body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222}")
            .append("table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}")
            .append("th{background:#f3f3f3}svg{background:#fff;border:1px solid #ddd}.legend span{margin-right:16px}")
            .append("</style></head><body>\n");
        h.append("<h1>Ringfence journal report</h1>\n<p>").append(escape(dir.toAbsolutePath().toString())).append("</p>\n");
        if (points.isEmpty())
        {
            h.append("<p>No valid account reports in this journal: nothing to chart.</p>\n");
        }
        else
        {
            h.append("<p class=\"legend\"><span style=\"color:#1f77b4\">&#9632; equity</span><span style=\"color:#555\">&#9632; peak</span>")
                .append("<span style=\"color:#2a7ae2\">| trade</span><span style=\"color:#d62728\">| guard trip</span>")
                .append("<span style=\"color:#ff7f0e\">| flatten completed</span><span style=\"color:#2ca02c\">| re-arm</span></p>\n");
            chart(h, points, first, last);
        }
        summary(h, first, last, logic);
        markerTable(h);
        h.append("</body></html>\n");
        return h.toString();
    }

    private void chart(final StringBuilder h, final List<double[]> points, final long first, final long last)
    {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double maxDrawdown = 0;
        for (final double[] p : points)
        {
            min = Math.min(min, Math.min(p[1], p[2]));
            max = Math.max(max, Math.max(p[1], p[2]));
            maxDrawdown = Math.max(maxDrawdown, p[3]);
        }
        if (max - min < 1e-9)
        {
            max = min + 1;
        }
        maxDrawdown = Math.max(maxDrawdown, 1);
        final double span = Math.max(1, last - first);
        final int plotWidth = WIDTH - LEFT - RIGHT;
        final int totalHeight = EQUITY_HEIGHT + DRAWDOWN_HEIGHT + 60;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(totalHeight)
            .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(totalHeight).append("\">\n");
        // axes and labels
        axis(h, 10, EQUITY_HEIGHT, min, max, "equity");
        axis(h, EQUITY_HEIGHT + 40, DRAWDOWN_HEIGHT, 0, maxDrawdown, "drawdown %");
        final StringBuilder equity = new StringBuilder();
        final StringBuilder peak = new StringBuilder();
        final StringBuilder drawdown = new StringBuilder();
        for (final double[] p : points)
        {
            final double x = LEFT + (p[0] - first) / span * plotWidth;
            equity.append(fmt(x)).append(',').append(fmt(y(p[1], min, max, 10, EQUITY_HEIGHT))).append(' ');
            peak.append(fmt(x)).append(',').append(fmt(y(p[2], min, max, 10, EQUITY_HEIGHT))).append(' ');
            drawdown.append(fmt(x)).append(',').append(fmt(y(p[3], 0, maxDrawdown, EQUITY_HEIGHT + 40, DRAWDOWN_HEIGHT))).append(' ');
        }
        h.append("<polyline fill=\"none\" stroke=\"#555\" stroke-dasharray=\"4 3\" stroke-width=\"1.2\" points=\"").append(peak).append("\"/>\n");
        h.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"").append(equity).append("\"/>\n");
        final double baseline = EQUITY_HEIGHT + 40 + DRAWDOWN_HEIGHT;
        h.append("<polygon fill=\"#d62728\" fill-opacity=\"0.25\" stroke=\"#d62728\" stroke-width=\"1\" points=\"")
            .append(fmt(LEFT + (points.get(0)[0] - first) / span * plotWidth)).append(',').append(fmt(baseline)).append(' ')
            .append(drawdown)
            .append(fmt(LEFT + (points.get(points.size() - 1)[0] - first) / span * plotWidth)).append(',').append(fmt(baseline))
            .append("\"/>\n");
        for (final Marker m : markers)
        {
            if (m.timeMillis == 0)
            {
                continue;
            }
            final double x = LEFT + (m.timeMillis - first) / span * plotWidth;
            h.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"10\" y2=\"").append(baseline)
                .append("\" stroke=\"").append(m.colour).append("\" stroke-width=\"").append(m.kind.equals("TRADE") ? "0.6" : "1.6")
                .append("\" stroke-opacity=\"0.8\"><title>").append(escape(Instant.ofEpochMilli(m.timeMillis) + " " + m.text))
                .append("</title></line>\n");
        }
        h.append("<text x=\"").append(LEFT).append("\" y=\"").append(totalHeight - 4).append("\" font-size=\"11\">")
            .append(Instant.ofEpochMilli(first)).append("</text>");
        h.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(totalHeight - 4)
            .append("\" font-size=\"11\" text-anchor=\"end\">").append(Instant.ofEpochMilli(last)).append("</text>\n");
        h.append("</svg>\n");
    }

    private static void axis(final StringBuilder h, final int top, final int height, final double min, final double max, final String label)
    {
        h.append("<rect x=\"").append(LEFT).append("\" y=\"").append(top).append("\" width=\"").append(WIDTH - LEFT - RIGHT)
            .append("\" height=\"").append(height).append("\" fill=\"#fafafa\" stroke=\"#ddd\"/>\n");
        for (int i = 0; i <= 4; i++)
        {
            final double value = min + (max - min) * i / 4;
            final double y = y(value, min, max, top, height);
            h.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4)).append("\" font-size=\"11\" text-anchor=\"end\">")
                .append(String.format(Locale.ROOT, "%.2f", value)).append("</text>")
                .append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(fmt(y))
                .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#eee\"/>\n");
        }
        h.append("<text x=\"").append(LEFT + 6).append("\" y=\"").append(top + 14).append("\" font-size=\"12\" fill=\"#666\">")
            .append(label).append("</text>\n");
    }

    private void summary(final StringBuilder h, final long first, final long last, final BusinessLogic logic)
    {
        double minEquity = Double.NaN;
        double maxDrawdown = 0;
        for (final double[] s : samples)
        {
            minEquity = Double.isNaN(minEquity) ? s[1] : Math.min(minEquity, s[1]);
            maxDrawdown = Math.max(maxDrawdown, s[3]);
        }
        h.append("<h2>Summary</h2>\n<table>\n");
        row(h, "period", samples.isEmpty() && first == Long.MAX_VALUE ? "empty" : Instant.ofEpochMilli(first) + " to " + Instant.ofEpochMilli(last));
        row(h, "first equity", samples.isEmpty() ? "-" : money(samples.get(0)[1]));
        row(h, "last equity", samples.isEmpty() ? "-" : money(samples.get(samples.size() - 1)[1]));
        row(h, "lowest equity", Double.isNaN(minEquity) ? "-" : money(minEquity));
        row(h, "highest peak", money(samples.stream().mapToDouble(s -> s[2]).max().orElse(0)));
        row(h, "largest drawdown", String.format(Locale.ROOT, "%.4f %%", maxDrawdown));
        row(h, "realized profit of closing deals (partial closes included)", money(realizedProfit));
        row(h, "signals received / approved / rejected", count(LifecycleEventType.SIGNAL_RECEIVED) + " / " +
            count(LifecycleEventType.SIGNAL_APPROVED) + " / " + count(LifecycleEventType.SIGNAL_REJECTED));
        row(h, "trades executed / failed", count(LifecycleEventType.TRADE_EXECUTED) + " / " + count(LifecycleEventType.TRADE_FAILED));
        row(h, "positions closed", Integer.toString(count(LifecycleEventType.POSITION_CLOSED)));
        row(h, "guard trips", tripsByRule.isEmpty() ? "none" : tripsByRule.toString());
        row(h, "flattens completed / re-arms", count(LifecycleEventType.FLATTEN_COMPLETED) + " / " + count(LifecycleEventType.GUARD_REARMED));
        row(h, "data degraded / terminal disconnects", count(LifecycleEventType.DATA_DEGRADED) + " / " + count(LifecycleEventType.TERMINAL_DISCONNECTED));
        row(h, "errors", Integer.toString(count(LifecycleEventType.ERROR)));
        row(h, "guard state at the end", logic.guardState().name() + (logic.isDegraded() ? " (DEGRADED)" : ""));
        h.append("</table>\n");
    }

    private void markerTable(final StringBuilder h)
    {
        final List<Marker> important = new ArrayList<>();
        for (final Marker m : markers)
        {
            if (!m.kind.equals("TRADE"))
            {
                important.add(m);
            }
        }
        if (important.isEmpty())
        {
            return;
        }
        h.append("<h2>Guard events</h2>\n<table><tr><th>time</th><th>what</th></tr>\n");
        for (final Marker m : important)
        {
            row(h, m.timeMillis == 0 ? "-" : Instant.ofEpochMilli(m.timeMillis).toString(), m.text);
        }
        h.append("</table>\n");
    }

    private int count(final LifecycleEventType type)
    {
        return counts.getOrDefault(type, 0);
    }

    private static void row(final StringBuilder h, final String key, final String value)
    {
        h.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    /** Keeps at most {@link #MAX_POINTS}: per bucket the lowest and the highest equity, in time order. */
    static List<double[]> downsample(final List<double[]> all)
    {
        if (all.size() <= MAX_POINTS)
        {
            return all;
        }
        final List<double[]> kept = new ArrayList<>(MAX_POINTS);
        final int buckets = MAX_POINTS / 2;
        final double size = (double)all.size() / buckets;
        for (int b = 0; b < buckets; b++)
        {
            final int from = (int)(b * size);
            final int to = (int)Math.min(all.size(), (b + 1) * size);
            double[] low = all.get(from);
            double[] high = all.get(from);
            for (int i = from; i < to; i++)
            {
                if (all.get(i)[1] < low[1])
                {
                    low = all.get(i);
                }
                if (all.get(i)[1] > high[1])
                {
                    high = all.get(i);
                }
            }
            kept.add(low[0] <= high[0] ? low : high);
            kept.add(low[0] <= high[0] ? high : low);
        }
        return kept;
    }

    private static double y(final double value, final double min, final double max, final int top, final int height)
    {
        return top + height - (value - min) / (max - min) * height;
    }

    private static String fmt(final double v)
    {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String money(final double v)
    {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final class Marker
    {
        final long timeMillis;
        final String kind;
        final String text;
        final String colour;

        Marker(final long timeMillis, final String kind, final String text, final String colour)
        {
            this.timeMillis = timeMillis;
            this.kind = kind;
            this.text = text;
            this.colour = colour;
        }
    }
}

package dev.ringfence.tools.journal;

import dev.ringfence.engine.event.LifecycleEventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.ringfence.tools.journal.ReportPage.escape;

/** The tables of a report: one run's summary or two runs side by side, and the guard events. */
final class ReportTables
{
    private ReportTables()
    {
    }

    /** One run's summary table. */
    static void summary(final StringBuilder h, final RunRecord run)
    {
        h.append("<h2>Summary</h2>\n<table class=\"summary\">\n");
        for (final String[] row : rows(run))
        {
            row(h, row[0], row[1]);
        }
        h.append("</table>\n");
    }

    /** Two runs side by side, the rows that differ marked, and the difference in P/L. */
    static void comparison(final StringBuilder h, final List<RunRecord> runs)
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

    /** An amount in the run's money format, a gain with its plus sign. */
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
        return "drawdown cap " + (Double.isNaN(l[1]) ? "off" : ReportData.number(l[1], 4) + " %") + ", equity floor " +
            (Double.isNaN(l[2]) ? "off" : run.money(l[2])) + ", daily loss level " + (Double.isNaN(l[3]) ? "off" : run.money(l[3]));
    }

    /** The guard events of every run (trades are left to the charts); nothing when there are none. */
    static void events(final StringBuilder h, final List<RunRecord> runs)
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
}

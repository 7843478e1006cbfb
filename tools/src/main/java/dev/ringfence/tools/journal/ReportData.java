package dev.ringfence.tools.journal;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The data of a report, as the script in the page reads it ({@code window.REPORT}): each run's samples
 * thinned to at most {@link #STORED_BUCKETS} time buckets, every bucket's lowest and highest equity and
 * drawdown kept ({@link Decimation}), its limits and its markers.
 */
final class ReportData
{
    /** Buckets per run kept in the file: about 2 s each over a whole day, under 10 MB of data. */
    static final int STORED_BUCKETS = 40_000;

    private ReportData()
    {
    }

    /** {@code {"origin":..., "runs":[...]}}: times relative to the earliest sample or marker of any run. */
    static void write(final StringBuilder h, final List<RunRecord> runs)
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

    /** A figure with at most {@code digits} decimals, trailing zeros dropped; not finite: {@code null}. */
    static String number(final double v, final int digits)
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
}

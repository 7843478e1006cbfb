package dev.ringfence.tools.http;

import dev.ringfence.engine.StatusBoard;

import java.util.Locale;

/**
 * The status board's figures once a second for the last hour, for {@code GET /history}: what the console
 * draws when it opens, before its own polls add to it. Sampled on the HTTP timer thread (never the
 * business thread); a sample is taken only when the board has been refreshed since the previous one.
 */
public final class StatusHistory
{
    /** One hour of one-second samples. */
    public static final int CAPACITY = 3600;

    private final long[] times = new long[CAPACITY];
    private final double[] equity = new double[CAPACITY];
    private final double[] peak = new double[CAPACITY];
    private final double[] drawdownPercent = new double[CAPACITY];
    private final double[] drawdownRemainingPercent = new double[CAPACITY];
    private final double[] floorDistance = new double[CAPACITY];
    private final double[] dailyLossRemaining = new double[CAPACITY];
    private long samples;

    /** Timer thread: keeps the board's current figures unless they are the ones kept last. */
    public synchronized void sample(final StatusBoard board)
    {
        final long time = board.timeMillis;
        if (time == 0 || (samples > 0 && times[(int)((samples - 1) % CAPACITY)] >= time))
        {
            return;
        }
        final int i = (int)(samples % CAPACITY);
        times[i] = time;
        equity[i] = board.equity;
        peak[i] = board.peak;
        drawdownPercent[i] = board.drawdownPercent;
        drawdownRemainingPercent[i] = board.drawdownRemainingPercent;
        floorDistance[i] = board.floorDistance;
        dailyLossRemaining[i] = board.dailyLossRemaining;
        samples++;
    }

    /**
     * The kept samples, oldest first, as columns named like the fields of {@code /status}:
     * {@code {"time":[...],"equity":[...],...}}, null where a figure is not defined (a rule that is off).
     */
    public synchronized String toJson()
    {
        final long first = Math.max(0, samples - CAPACITY);
        final StringBuilder json = new StringBuilder(64 + (int)(samples - first) * 120);
        json.append("{\"time\":[");
        for (long s = first; s < samples; s++)
        {
            json.append(s == first ? "" : ",").append(times[(int)(s % CAPACITY)]);
        }
        json.append(']');
        column(json, "equity", equity, first);
        column(json, "peak", peak, first);
        column(json, "drawdownPercent", drawdownPercent, first);
        column(json, "drawdownRemainingPercent", drawdownRemainingPercent, first);
        column(json, "equityFloorDistance", floorDistance, first);
        column(json, "dailyLossRemaining", dailyLossRemaining, first);
        return json.append('}').toString();
    }

    private void column(final StringBuilder json, final String name, final double[] values, final long first)
    {
        json.append(",\"").append(name).append("\":[");
        for (long s = first; s < samples; s++)
        {
            final double value = values[(int)(s % CAPACITY)];
            json.append(s == first ? "" : ",").append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null");
        }
        json.append(']');
    }
}

package dev.ringfence.benchmarks.latency;

import java.util.Locale;

/**
 * When each event of an open-loop run is planned, as an offset from the run's start. Either steady (one
 * event every {@code 1/rate}) or bursts, the shape a terminal produces on news: {@code burstEvents} events
 * planned back to back at {@code burstRate}, a burst every {@code periodNanos}. The schedule never waits
 * for the system under test, so an event planned during a stall is measured from its planned time.
 */
final class LoadSchedule
{
    /** The pace of events inside a burst when none is given: about what loopback TCP delivers for 40-byte ticks. */
    static final double DEFAULT_BURST_RATE = 1_000_000;

    private final long intervalNanos;
    private final long burstEvents;
    private final long periodNanos;
    private final double meanRate;
    private final String description;

    private LoadSchedule(final long intervalNanos, final long burstEvents, final long periodNanos, final double meanRate, final String description)
    {
        this.intervalNanos = intervalNanos;
        this.burstEvents = burstEvents;
        this.periodNanos = periodNanos;
        this.meanRate = meanRate;
        this.description = description;
    }

    static LoadSchedule steady(final double rate)
    {
        if (!(rate > 0))
        {
            throw new IllegalArgumentException("--rate must be > 0");
        }
        final long interval = Math.max(1, Math.round(1e9 / rate));
        return new LoadSchedule(interval, 1, interval, rate, String.format(Locale.ROOT, "steady %,.0f events/s", rate));
    }

    /**
     * {@code spec} is {@code EVENTS/PERIOD_MS}, e.g. {@code 2000/100}: 2,000 events every 100 ms, planned at
     * {@code burstRate} inside each burst.
     */
    static LoadSchedule bursts(final String spec, final double burstRate)
    {
        final String[] parts = spec.split("/");
        final long events;
        final long periodMillis;
        try
        {
            if (parts.length != 2)
            {
                throw new NumberFormatException();
            }
            events = Long.parseLong(parts[0].trim());
            periodMillis = Long.parseLong(parts[1].trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--burst " + spec + ": use EVENTS/PERIOD_MS, e.g. 2000/100");
        }
        if (events < 1 || periodMillis < 1 || !(burstRate > 0))
        {
            throw new IllegalArgumentException("--burst " + spec + ": events, period and --burst-rate must be > 0");
        }
        final long interval = Math.max(1, Math.round(1e9 / burstRate));
        final long period = periodMillis * 1_000_000L;
        if (events * interval > period)
        {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "--burst %s: %d events at %,.0f/s take longer than the %d ms period", spec, events, burstRate, periodMillis));
        }
        final double mean = events * 1e9 / period;
        return new LoadSchedule(interval, events, period, mean, String.format(Locale.ROOT,
            "bursts of %,d events at %,.0f/s every %d ms (mean %,.0f events/s)", events, burstRate, periodMillis, mean));
    }

    /** The planned send time of event {@code index}, nanoseconds after the start. */
    long plannedOffsetNanos(final long index)
    {
        return (index / burstEvents) * periodNanos + (index % burstEvents) * intervalNanos;
    }

    /** How many events {@code seconds} of this load hold (whole bursts). */
    long events(final double seconds)
    {
        final long periods = (long)Math.floor(seconds * 1e9 / periodNanos);
        return periods * burstEvents;
    }

    double meanRate()
    {
        return meanRate;
    }

    @Override
    public String toString()
    {
        return description;
    }
}

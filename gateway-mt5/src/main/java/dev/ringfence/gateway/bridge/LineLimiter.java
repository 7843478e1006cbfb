package dev.ringfence.gateway.bridge;

import java.util.function.Consumer;

/**
 * At most one log line per interval; the lines in between are counted into the next one. Gateway thread only.
 * A log that throws is not this class's problem: callers on the failure path guard it.
 */
final class LineLimiter
{
    private final long intervalMillis;
    private final String countedAs;
    private long nextLineMillis = Long.MIN_VALUE;
    private long notLogged;

    /** {@code countedAs} names what was not logged, e.g. "more not logged". */
    LineLimiter(final long intervalMillis, final String countedAs)
    {
        this.intervalMillis = intervalMillis;
        this.countedAs = countedAs;
    }

    /**
     * True when a line may be logged now; otherwise the line is counted into the next one. Callers build the line
     * only when this says so, so a flood of suppressed lines costs no string building.
     */
    boolean due(final long nowMillis)
    {
        if (nowMillis < nextLineMillis)
        {
            notLogged++;
            return false;
        }
        nextLineMillis = nowMillis + intervalMillis;
        return true;
    }

    /** Logs a line {@link #due} allowed, with the count of the lines it suppressed since the last one. */
    void log(final String line, final Consumer<String> log)
    {
        final long skipped = notLogged;
        notLogged = 0;
        log.accept(line + (skipped > 0 ? " (" + skipped + " " + countedAs + ")" : ""));
    }
}

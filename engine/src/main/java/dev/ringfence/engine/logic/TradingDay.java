package dev.ringfence.engine.logic;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Where trading days start, for the daily loss limit: midnight of the broker's server time (its GMT
 * offset, reported by the terminal) or of a configured zone such as Europe/Prague.
 *
 * <p>The zone path uses {@code java.time}, which allocates; it runs once per day, not per event.
 */
final class TradingDay
{
    static final long DAY_MILLIS = 86_400_000L;

    /** Null when the day follows the server's GMT offset. */
    private final ZoneId zone;

    TradingDay(final ZoneId zone)
    {
        this.zone = zone;
    }

    /** Start of the day that contains {@code nowMillis}. */
    long dayStart(final long nowMillis, final int serverGmtOffsetSeconds)
    {
        if (zone == null)
        {
            final long offset = serverGmtOffsetSeconds * 1000L;
            return Math.floorDiv(nowMillis + offset, DAY_MILLIS) * DAY_MILLIS - offset;
        }
        return Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** Start of the day after the one that contains {@code nowMillis} (23 or 25 hours away across DST). */
    long nextDayStart(final long nowMillis, final int serverGmtOffsetSeconds)
    {
        if (zone == null)
        {
            return dayStart(nowMillis, serverGmtOffsetSeconds) + DAY_MILLIS;
        }
        return Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate().plusDays(1)
            .atStartOfDay(zone).toInstant().toEpochMilli();
    }
}

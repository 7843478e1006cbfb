package dev.ringfence.tools.journal;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code --from} / {@code --to}: an ISO-8601 instant (2026-11-22T09:30:00Z) or epoch milliseconds. */
final class TimeArgument
{
    private TimeArgument()
    {
    }

    static long parse(final String option, final String text, final long fallback)
    {
        if (text == null)
        {
            return fallback;
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException notMillis)
        {
            try
            {
                return Instant.parse(text).toEpochMilli();
            }
            catch (final DateTimeParseException ex)
            {
                throw new IllegalArgumentException(option + " " + text + ": use an instant such as 2026-11-22T09:30:00Z or epoch milliseconds");
            }
        }
    }
}

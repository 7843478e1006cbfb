package dev.ringfence.tools.run;

import java.time.Duration;

/** A duration option of {@code run} ({@code --duration}, {@code --demo-interval}): a number with ms, s, m or h. */
final class DurationArgument
{
    private DurationArgument()
    {
    }

    /** Milliseconds; a text that is not a duration is refused with a message naming the option. */
    static long parse(final String option, final String text)
    {
        final String s = text.trim().toLowerCase();
        try
        {
            if (s.endsWith("ms"))
            {
                return Long.parseLong(s.substring(0, s.length() - 2));
            }
            final long value = Long.parseLong(s.substring(0, s.length() - 1));
            switch (s.charAt(s.length() - 1))
            {
                case 's': return Duration.ofSeconds(value).toMillis();
                case 'm': return Duration.ofMinutes(value).toMillis();
                case 'h': return Duration.ofHours(value).toMillis();
                default: break;
            }
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ignored)
        {
            // fall through to the message
        }
        throw new IllegalArgumentException(option + " " + text + ": use a number with ms, s, m or h, e.g. 30s");
    }
}

package dev.ringfence.engine.config;

/**
 * The one way configuration values are checked: each failure names the key, the value and what is
 * allowed, e.g. {@code risk.maxDrawdownPercent = 150: outside the allowed range 1..99}.
 */
public final class ConfigChecks
{
    private ConfigChecks()
    {
    }

    public static void range(final String key, final double value, final double min, final double max)
    {
        if (!(value >= min && value <= max))
        {
            throw new IllegalArgumentException(
                key + " = " + format(value) + ": outside the allowed range " + format(min) + ".." + format(max));
        }
    }

    public static void atLeast(final String key, final double value, final double min)
    {
        if (!(value >= min) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException(key + " = " + format(value) + ": must be a number >= " + format(min));
        }
    }

    static String format(final double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long)value) : Double.toString(value);
    }
}

package dev.ringfence.tools.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

import java.util.Map;

/**
 * The environment variables the configuration reads (see the reference file): the original specification's
 * figures, scaled to the keys' units, and the secrets that are better kept out of files.
 */
final class EnvironmentVariables
{
    private EnvironmentVariables()
    {
    }

    /** The keys the variables in {@code env} set, each value's origin naming its variable. */
    static Config overrides(final Map<String, String> env)
    {
        Config c = ConfigFactory.empty();
        c = envNumber(c, env, "HEARTBEAT_INTERVAL_SECONDS", "heartbeat.intervalMillis", 1000);
        c = envNumber(c, env, "MAX_DRAWDOWN_PERCENT", "risk.maxDrawdownPercent", 1);
        c = envNumber(c, env, "MIN_EQUITY_GBP", "risk.equityFloor", 1);
        c = envNumber(c, env, "MIN_EQUITY", "risk.equityFloor", 1);
        c = envText(c, env, "RINGFENCE_GATEWAY_SECRET", "gateway.secret");
        c = envText(c, env, "RINGFENCE_INGRESS_SECRET", "ingress.hmacSecret");
        c = envText(c, env, "RINGFENCE_ADMIN_TOKEN", "admin.token");
        c = envText(c, env, "TELEGRAM_BOT_TOKEN", "alerts.telegram.token");
        c = envText(c, env, "TELEGRAM_CHAT_ID", "alerts.telegram.chatId");
        return c;
    }

    private static Config envText(final Config c, final Map<String, String> env, final String variable, final String key)
    {
        final String value = env.get(variable);
        if (value == null || value.isEmpty())
        {
            return c;
        }
        return ConfigValueFactory.fromAnyRef(value, "environment " + variable).atPath(key).withFallback(c);
    }

    private static Config envNumber(
        final Config c, final Map<String, String> env, final String variable, final String key, final double factor)
    {
        final String raw = env.get(variable);
        if (raw == null || raw.isBlank())
        {
            return c;
        }
        if (!raw.equals(raw.strip()))
        {
            // A value with spaces around it is a sign of a quoting mistake: say so rather than guess.
            throw new IllegalArgumentException("environment " + variable + " = '" + raw + "': spaces around the number");
        }
        final double value;
        try
        {
            value = Double.parseDouble(raw);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("environment " + variable + " = " + raw + ": not a number");
        }
        final double scaled = value * factor;
        final Object boxed = scaled == Math.rint(scaled) && Math.abs(scaled) < 1e15 ? (Object)(long)scaled : (Object)scaled;
        return ConfigValueFactory.fromAnyRef(boxed, "environment " + variable).atPath(key).withFallback(c);
    }
}

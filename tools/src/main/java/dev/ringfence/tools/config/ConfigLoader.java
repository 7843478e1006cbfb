package dev.ringfence.tools.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads the one configuration format (HOCON, {@code ringfence-reference.conf} documents every key and
 * default) with its overrides (the file, the environment, a scenario's lines, {@code --set}), rejects unknown
 * keys, and says where a refused value was set; {@link ConfigBinder} validates every value, naming the key.
 */
public final class ConfigLoader
{
    private static final String REFERENCE = "ringfence-reference.conf";
    /** Keys that were renamed, with what to write instead: refused like any unknown key, but with the new name. */
    private static final Map<String, String> RENAMED = Map.of(
        "gateway.idleMaxParkMicros", "gateway.idleWaitMillis, in whole milliseconds (10000 µs is 10)");

    private final Config reference = ConfigFactory.parseResources(
        ConfigLoader.class.getClassLoader(), REFERENCE, ConfigParseOptions.defaults().setAllowMissing(false));
    private Config file = ConfigFactory.empty();
    private Config environment = ConfigFactory.empty();
    private Config scenario = ConfigFactory.empty();
    private Config sets = ConfigFactory.empty();

    /** The file given with {@code --config}. */
    public ConfigLoader file(final Path path)
    {
        if (path != null)
        {
            if (Files.isDirectory(path))
            {
                throw new IllegalArgumentException("config file " + path + " is a directory; give the file itself, e.g. " +
                    path.resolve("ringfence.conf"));
            }
            if (!Files.isRegularFile(path))
            {
                throw new IllegalArgumentException("config file " + path + " does not exist: check the path (without --config " +
                    "the defaults of " + REFERENCE + " apply)");
            }
            if (!Files.isReadable(path))
            {
                throw new IllegalArgumentException("config file " + path + " cannot be read (check its permissions)");
            }
            try
            {
                file = ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
            }
            catch (final ConfigException ex)
            {
                throw new IllegalArgumentException("config file " + path + (ex.origin() != null && ex.origin().lineNumber() > 0 ?
                    ", line " + ex.origin().lineNumber() : "") + ": " + problem(ex) + ". Fix the file: it is HOCON, and " + REFERENCE +
                    " shows every key in that format", ex);
            }
        }
        return this;
    }

    /** The environment variables of the original specification (see the reference file). */
    public ConfigLoader environment(final Map<String, String> env)
    {
        environment = EnvironmentVariables.overrides(env);
        return this;
    }

    /** A scenario's {@code config} lines: key to JSON value. */
    public ConfigLoader scenario(final Map<String, Object> overrides)
    {
        Config c = ConfigFactory.empty();
        for (final Map.Entry<String, Object> e : overrides.entrySet())
        {
            c = c.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "scenario config line"));
        }
        scenario = c;
        return this;
    }

    /** {@code --set key=value} pairs; the value is read as HOCON (numbers, booleans, lists, strings). */
    public ConfigLoader sets(final List<String> keyValues)
    {
        Config c = ConfigFactory.empty();
        for (final String kv : keyValues)
        {
            final int eq = kv.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("--set " + kv + ": expected key=value");
            }
            final String key = kv.substring(0, eq).trim();
            final String value = kv.substring(eq + 1).trim();
            try
            {
                final Config parsed = ConfigFactory.parseString("v = " + value);
                c = c.withValue(key, parsed.getValue("v"));
            }
            catch (final ConfigException ex)
            {
                throw new IllegalArgumentException("--set " + kv + ": " + ex.getMessage(), ex);
            }
        }
        sets = c;
        return this;
    }

    public RingfenceConfig load()
    {
        for (final Config layer : List.of(file, environment, scenario, sets))
        {
            rejectUnknownKeys(layer);
        }
        final Config c = sets.withFallback(scenario).withFallback(environment).withFallback(file)
            .withFallback(reference).resolve();
        try
        {
            return ConfigBinder.bind(c);
        }
        catch (final ConfigException ex)
        {
            throw new IllegalArgumentException(ex.getMessage() + ": give a value of that type (" + REFERENCE + " shows each key's type " +
                "and default)", ex);
        }
        catch (final IllegalArgumentException ex)
        {
            // "key = value: what is allowed": say where the value came from, so the operator knows what to change.
            final String source = source(ex.getMessage());
            throw source == null ? ex : new IllegalArgumentException(ex.getMessage() + " (set by " + source + ")", ex);
        }
    }

    /** Typesafe's message without its leading origin ("file.conf: 3: "), which the caller names itself. */
    private static String problem(final ConfigException ex)
    {
        final String message = ex.getMessage();
        final String origin = ex.origin() == null ? null : ex.origin().description() + ": ";
        return origin != null && message.startsWith(origin) ? message.substring(origin.length()) : message;
    }

    /** Where the key a validation message starts with was set: --set, a scenario line, the environment or the file. */
    private String source(final String message)
    {
        if (message == null)
        {
            return null;
        }
        final int end = message.indexOf(' ');
        final String key = end < 0 ? message : message.substring(0, end).replaceAll(":$", "");
        try
        {
            if (key.isEmpty() || !reference.hasPathOrNull(key))
            {
                return null;
            }
        }
        catch (final ConfigException notAKey)
        {
            return null;
        }
        if (sets.hasPathOrNull(key))
        {
            return "--set " + key;
        }
        if (scenario.hasPathOrNull(key))
        {
            return "the scenario's config line";
        }
        if (environment.hasPathOrNull(key))
        {
            return environment.getValue(key).origin().description();
        }
        if (file.hasPathOrNull(key))
        {
            final com.typesafe.config.ConfigOrigin origin = file.getValue(key).origin();
            return origin.filename() == null ? origin.description() : origin.filename() + ", line " + origin.lineNumber();
        }
        return null;
    }

    private void rejectUnknownKeys(final Config layer)
    {
        for (final Map.Entry<String, ConfigValue> entry : layer.entrySet())
        {
            final String renamed = RENAMED.get(entry.getKey());
            if (renamed != null)
            {
                throw new IllegalArgumentException("configuration key '" + entry.getKey() + "' (" + entry.getValue().origin().description() +
                    ") was renamed: use " + renamed);
            }
            if (!reference.hasPathOrNull(entry.getKey()))
            {
                final String near = KeySuggestion.nearest(reference, entry.getKey());
                throw new IllegalArgumentException(
                    "unknown configuration key '" + entry.getKey() + "' (" + entry.getValue().origin().description() + "): " +
                    (near == null ? "" : "did you mean '" + near + "'? ") + "correct or remove it; every key is listed in " + REFERENCE);
            }
        }
    }
}

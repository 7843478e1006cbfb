package dev.ringfence.tools;

import dev.ringfence.tools.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The configuration options every engine-running command shares. */
public final class ConfigOptions
{
    /** The file used when {@code --config} is not given; the bundle's launchers point it at the bundle's conf/ringfence.conf. */
    public static final String CONFIG_VARIABLE = "RINGFENCE_CONFIG";

    @Option(names = "--config", paramLabel = "FILE", description = {"Configuration file (HOCON); every key is in ringfence-reference.conf.",
        "Default: the file named by the environment variable " + CONFIG_VARIABLE + " if set (the bundle's launchers set it to conf/ringfence.conf), else none."})
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key, e.g. --set risk.maxDrawdownPercent=10 (repeatable).")
    List<String> sets = new ArrayList<>();

    /** A loader with the file, the environment and --set applied; callers may add scenario overrides. */
    public ConfigLoader loader()
    {
        final Map<String, String> env = Map.copyOf(System.getenv());
        final Path file = configFile(env);
        final ConfigLoader loader = new ConfigLoader();
        try
        {
            loader.file(file);
        }
        catch (final IllegalArgumentException ex)
        {
            if (configFile == null && file != null)
            {
                // Not on the command line: the operator may not know where the name came from.
                throw new IllegalArgumentException(ex.getMessage() + "; the file is named by the environment variable " + CONFIG_VARIABLE +
                    " (correct or unset it, or give --config FILE)", ex);
            }
            throw ex;
        }
        return loader.environment(env).sets(sets);
    }

    /** {@code --config}, else {@code RINGFENCE_CONFIG} when set and not blank, else none (the reference defaults). */
    Path configFile(final Map<String, String> env)
    {
        if (configFile != null)
        {
            return configFile;
        }
        final String fromEnvironment = env.get(CONFIG_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment.trim());
    }
}

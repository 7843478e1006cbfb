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
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (HOCON); every key is in ringfence-reference.conf.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key, e.g. --set risk.maxDrawdownPercent=10 (repeatable).")
    List<String> sets = new ArrayList<>();

    /** A loader with the file, the environment and --set applied; callers may add scenario overrides. */
    public ConfigLoader loader()
    {
        return new ConfigLoader().file(configFile).environment(Map.copyOf(System.getenv())).sets(sets);
    }
}

package dev.ringfence.engine.config;

import static dev.ringfence.engine.config.ConfigChecks.atLeast;
import static dev.ringfence.engine.config.ConfigChecks.range;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting the business logic reads, with its default. The configuration file's key for each
 * field is given beside it; {@link #validate()} names that key when a value is out of range.
 *
 * <p>Built and validated once before the engine starts; an instance given to the engine is only read. The
 * business logic keeps its own copy, which a journaled {@code CONFIG} event or an operator's re-base overwrites
 * in place ({@code ConfigurationChanges}, business thread only).
 */
public final class EngineConfig
{
    /** Marker for {@link #dailyTimeZone}: the day follows the broker's server time (its GMT offset). */
    public static final String SERVER_TIME_ZONE = "SERVER";

    // ---- account
    /** {@code account.login}: the account the engine guards; 0 adopts the first login the terminal reports. */
    public long accountLogin = 0;
    /** {@code account.currencyDigits}: digits of the account currency, for rounding money in output. */
    public int currencyDigits = 2;

    // ---- risk guard
    /** {@code risk.maxDrawdownEnabled}. */
    public boolean maxDrawdownEnabled = true;
    /** {@code risk.maxDrawdownPercent}: 1..99, breach when drawdown from the peak is at or above it. */
    public double maxDrawdownPercent = 20;
    /** {@code risk.equityFloorEnabled}. */
    public boolean equityFloorEnabled = true;
    /** {@code risk.equityFloor}: breach when equity is at or below it (account currency). */
    public double equityFloor = 500;
    /** {@code risk.dailyLoss.enabled}. */
    public boolean dailyLossEnabled = false;
    /** {@code risk.dailyLoss.limit}: breach when equity is at or below baseline minus this amount. */
    public double dailyLossLimit = 0;
    /** {@code risk.dailyLoss.timeZone}: {@code SERVER} (broker server time) or a zone id such as Europe/Prague. */
    public String dailyTimeZone = SERVER_TIME_ZONE;
    /** {@code risk.dailyLoss.baseline}. */
    public DailyBaseline dailyBaseline = DailyBaseline.BALANCE;
    /** {@code risk.warningLevelsPercent}: budget-used levels that raise GUARD_WARNING once per episode. */
    public int[] warningLevelsPercent = {50, 80};
    /** {@code risk.reduceOnlyLevelPercent}: budget used at which entries stop (0 = off). */
    public int reduceOnlyLevelPercent = 0;
    /** {@code risk.confirmSamples}: consecutive breaching valid samples needed to trip. */
    public int confirmSamples = 1;
    /** {@code risk.hardBreachMarginPercent}: a breach this far past the limit trips at once. */
    public double hardBreachMarginPercent = 2;
    /** {@code risk.equityMaxAgeMillis}: an account report older than this is not a valid sample. */
    public long equityMaxAgeMillis = 5_000;
    /** {@code risk.staleAfterMillis}: no valid sample this long with positions open marks data DEGRADED. */
    public long staleAfterMillis = 15_000;
    /** {@code risk.rearm.hysteresisPercent}: re-arm needs equity above floor * (1 + this). */
    public double rearmHysteresisPercent = 5;
    /** {@code risk.rearm.rebasePeak}: re-base the peak to current equity on re-arm (else keep it). */
    public boolean rearmRebasePeak = true;
    /** {@code risk.rearm.cooldownMillis}: re-arm by itself this long after locking (0 = manual only). */
    public long rearmCooldownMillis = 0;
    /** {@code risk.flatten.retryInitialMillis}: backoff before the next flatten round, doubling. */
    public long flattenRetryInitialMillis = 100;
    /** {@code risk.flatten.retryMaxMillis}: cap of the flatten backoff. */
    public long flattenRetryMaxMillis = 5_000;

    // ---- trading loop
    /** {@code loop.signalMaxAgeMillis}: a signal without ttl expires after this age. */
    public long signalMaxAgeMillis = 10_000;
    /** {@code loop.maxOpenPositions}: open positions plus pending entries. */
    public int maxOpenPositions = 10;
    /** {@code loop.ordersPerSecond}: token bucket refill rate. */
    public double ordersPerSecond = 10;
    /** {@code loop.orderBurst}: token bucket size. */
    public int orderBurst = 10;
    /** {@code loop.retry.maxAttempts}: sends of one order for retryable return codes, the first included. */
    public int retryMaxAttempts = 3;
    /** {@code loop.retry.initialBackoffMillis}: doubles on every retry. */
    public long retryInitialBackoffMillis = 100;
    /** {@code loop.orderTimeoutMillis}: no answer this long makes an order UNKNOWN (resolved by lookup). */
    public long orderTimeoutMillis = 5_000;
    /** {@code loop.orderExpiryMillis}: the terminal refuses a command older than this. */
    public long orderExpiryMillis = 10_000;
    /** {@code loop.circuitBreaker.failures}: consecutive execution failures that open the breaker. */
    public int circuitBreakerFailures = 5;
    /** {@code loop.circuitBreaker.cooloffMillis}. */
    public long circuitBreakerCooloffMillis = 30_000;
    /** {@code loop.stopDrainMillis}: a graceful stop waits this long for in-flight orders. */
    public long stopDrainMillis = 5_000;
    /** {@code loop.maxInFlightOrders}: capacity of the order book (entries and closes in flight). */
    public int maxInFlightOrders = 256;
    /** {@code loop.id}: identifies this loop in heartbeats and logs. */
    public long loopId = 1;

    // ---- heartbeat
    /** {@code heartbeat.intervalMillis}. */
    public long heartbeatIntervalMillis = 10_000;

    // ---- symbols
    /** {@code symbols}: the tradable symbols. */
    public List<SymbolSpec> symbols = new ArrayList<>(List.of(
        SymbolSpec.standard("EURUSD"),
        SymbolSpec.standard("GBPUSD"),
        SymbolSpec.standard("USDJPY"),
        SymbolSpec.standard("XAUUSD")));

    /**
     * The configuration as canonical text: one {@code key = value} line per key, sorted, HOCON-compatible.
     * Two configurations are the same exactly when their descriptions are equal. The journal records it
     * so a replay runs with the limits that were live, and a restart can see what changed.
     */
    public String describe()
    {
        final StringBuilder text = new StringBuilder(1024);
        for (final Setting setting : SETTINGS)
        {
            text.append(setting.key).append(" = ").append(setting.read.apply(this)).append('\n');
        }
        return text.toString();
    }

    /** Reads the output of {@link #describe()}; keys it does not mention keep their defaults. */
    public static EngineConfig parse(final String description)
    {
        final EngineConfig config = new EngineConfig();
        for (final String rawLine : description.split("\n"))
        {
            final String line = rawLine.trim();
            if (line.isEmpty())
            {
                continue;
            }
            final int eq = line.indexOf(" = ");
            if (eq < 0)
            {
                throw new IllegalArgumentException("not a configuration line: " + line);
            }
            final String key = line.substring(0, eq);
            final String value = line.substring(eq + 3);
            boolean known = false;
            for (final Setting setting : SETTINGS)
            {
                if (setting.key.equals(key))
                {
                    setting.write.accept(config, value);
                    known = true;
                    break;
                }
            }
            if (!known)
            {
                throw new IllegalArgumentException("unknown configuration key in description: " + key);
            }
        }
        return config;
    }

    /** Takes every value of {@code other} (the engine reconfigures in place on an operator re-base). */
    public void copyFrom(final EngineConfig other)
    {
        for (final Setting setting : SETTINGS)
        {
            setting.write.accept(this, setting.read.apply(other));
        }
    }

    /** The keys whose values differ, for telling the operator what changed. */
    public String differences(final EngineConfig other)
    {
        final StringBuilder changed = new StringBuilder();
        for (final Setting setting : SETTINGS)
        {
            final String mine = setting.read.apply(this);
            final String theirs = setting.read.apply(other);
            if (!mine.equals(theirs))
            {
                changed.append(changed.length() == 0 ? "" : "; ").append(setting.key).append(' ').append(mine).append(" -> ").append(theirs);
            }
        }
        return changed.toString();
    }

    /**
     * Checks every value; the first problem is thrown with the key, the value and what is allowed.
     *
     * @throws IllegalArgumentException naming the offending key.
     */
    public EngineConfig validate()
    {
        range("risk.maxDrawdownPercent", maxDrawdownPercent, 1, 99);
        atLeast("risk.equityFloor", equityFloor, 0);
        atLeast("risk.dailyLoss.limit", dailyLossLimit, 0);
        if (dailyLossEnabled && !(dailyLossLimit > 0))
        {
            throw new IllegalArgumentException(
                "risk.dailyLoss.limit = " + dailyLossLimit + ": must be > 0 when risk.dailyLoss.enabled is true");
        }
        if (!SERVER_TIME_ZONE.equals(dailyTimeZone))
        {
            try
            {
                ZoneId.of(dailyTimeZone);
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException(
                    "risk.dailyLoss.timeZone = " + dailyTimeZone + ": not a time zone (use SERVER or e.g. Europe/Prague)");
            }
        }
        for (final int level : warningLevelsPercent)
        {
            range("risk.warningLevelsPercent", level, 1, 99);
        }
        range("risk.reduceOnlyLevelPercent", reduceOnlyLevelPercent, 0, 99);
        range("risk.confirmSamples", confirmSamples, 1, 1000);
        range("risk.hardBreachMarginPercent", hardBreachMarginPercent, 0, 100);
        range("risk.equityMaxAgeMillis", equityMaxAgeMillis, 1, 3_600_000);
        range("risk.staleAfterMillis", staleAfterMillis, 1, 3_600_000);
        range("risk.rearm.hysteresisPercent", rearmHysteresisPercent, 0, 100);
        range("risk.rearm.cooldownMillis", rearmCooldownMillis, 0, 7L * 86_400_000);
        range("risk.flatten.retryInitialMillis", flattenRetryInitialMillis, 1, 60_000);
        range("risk.flatten.retryMaxMillis", flattenRetryMaxMillis, flattenRetryInitialMillis, 600_000);
        range("loop.signalMaxAgeMillis", signalMaxAgeMillis, 1, 86_400_000);
        range("loop.maxOpenPositions", maxOpenPositions, 1, 10_000);
        range("loop.ordersPerSecond", ordersPerSecond, 0.001, 1_000_000);
        range("loop.orderBurst", orderBurst, 1, 1_000_000);
        range("loop.retry.maxAttempts", retryMaxAttempts, 1, 100);
        range("loop.retry.initialBackoffMillis", retryInitialBackoffMillis, 1, 60_000);
        range("loop.orderTimeoutMillis", orderTimeoutMillis, 1, 600_000);
        range("loop.orderExpiryMillis", orderExpiryMillis, 1, 600_000);
        range("loop.circuitBreaker.failures", circuitBreakerFailures, 1, 10_000);
        range("loop.circuitBreaker.cooloffMillis", circuitBreakerCooloffMillis, 0, 86_400_000);
        range("loop.stopDrainMillis", stopDrainMillis, 0, 600_000);
        range("loop.maxInFlightOrders", maxInFlightOrders, 1, 1_000_000);
        range("heartbeat.intervalMillis", heartbeatIntervalMillis, 100, 86_400_000);
        if (symbols.isEmpty())
        {
            throw new IllegalArgumentException("symbols: at least one symbol must be configured");
        }
        return this;
    }

    /** One key of the description: how to read it from a config and write it back. */
    private static final class Setting
    {
        final String key;
        final Function<EngineConfig, String> read;
        final BiConsumer<EngineConfig, String> write;

        Setting(final String key, final Function<EngineConfig, String> read, final BiConsumer<EngineConfig, String> write)
        {
            this.key = key;
            this.read = read;
            this.write = write;
        }
    }

    private static Setting number(final String key, final Function<EngineConfig, Double> read, final BiConsumer<EngineConfig, Double> write)
    {
        return new Setting(key, c -> ConfigChecks.format(read.apply(c)), (c, v) -> write.accept(c, Double.parseDouble(v)));
    }

    private static Setting flag(final String key, final Function<EngineConfig, Boolean> read, final BiConsumer<EngineConfig, Boolean> write)
    {
        return new Setting(key, c -> Boolean.toString(read.apply(c)), (c, v) -> write.accept(c, Boolean.parseBoolean(v)));
    }

    private static Setting text(final String key, final Function<EngineConfig, String> read, final BiConsumer<EngineConfig, String> write)
    {
        return new Setting(key, c -> '"' + read.apply(c) + '"', (c, v) -> write.accept(c, v.substring(1, v.length() - 1)));
    }

    private static String list(final List<String> items)
    {
        return "[" + String.join(", ", items) + "]";
    }

    private static List<String> items(final String list)
    {
        final String inner = list.substring(1, list.length() - 1).trim();
        return inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",")).map(String::trim).collect(Collectors.toList());
    }

    private static final List<Setting> SETTINGS = List.of(
        number("account.login", c -> (double)c.accountLogin, (c, v) -> c.accountLogin = v.longValue()),
        number("account.currencyDigits", c -> (double)c.currencyDigits, (c, v) -> c.currencyDigits = v.intValue()),
        number("heartbeat.intervalMillis", c -> (double)c.heartbeatIntervalMillis, (c, v) -> c.heartbeatIntervalMillis = v.longValue()),
        number("loop.circuitBreaker.cooloffMillis", c -> (double)c.circuitBreakerCooloffMillis, (c, v) -> c.circuitBreakerCooloffMillis = v.longValue()),
        number("loop.circuitBreaker.failures", c -> (double)c.circuitBreakerFailures, (c, v) -> c.circuitBreakerFailures = v.intValue()),
        number("loop.id", c -> (double)c.loopId, (c, v) -> c.loopId = v.longValue()),
        number("loop.maxInFlightOrders", c -> (double)c.maxInFlightOrders, (c, v) -> c.maxInFlightOrders = v.intValue()),
        number("loop.maxOpenPositions", c -> (double)c.maxOpenPositions, (c, v) -> c.maxOpenPositions = v.intValue()),
        number("loop.orderBurst", c -> (double)c.orderBurst, (c, v) -> c.orderBurst = v.intValue()),
        number("loop.orderExpiryMillis", c -> (double)c.orderExpiryMillis, (c, v) -> c.orderExpiryMillis = v.longValue()),
        number("loop.orderTimeoutMillis", c -> (double)c.orderTimeoutMillis, (c, v) -> c.orderTimeoutMillis = v.longValue()),
        number("loop.ordersPerSecond", c -> c.ordersPerSecond, (c, v) -> c.ordersPerSecond = v),
        number("loop.retry.initialBackoffMillis", c -> (double)c.retryInitialBackoffMillis, (c, v) -> c.retryInitialBackoffMillis = v.longValue()),
        number("loop.retry.maxAttempts", c -> (double)c.retryMaxAttempts, (c, v) -> c.retryMaxAttempts = v.intValue()),
        number("loop.signalMaxAgeMillis", c -> (double)c.signalMaxAgeMillis, (c, v) -> c.signalMaxAgeMillis = v.longValue()),
        number("loop.stopDrainMillis", c -> (double)c.stopDrainMillis, (c, v) -> c.stopDrainMillis = v.longValue()),
        number("risk.confirmSamples", c -> (double)c.confirmSamples, (c, v) -> c.confirmSamples = v.intValue()),
        new Setting("risk.dailyLoss.baseline", c -> c.dailyBaseline.name(), (c, v) -> c.dailyBaseline = DailyBaseline.valueOf(v)),
        flag("risk.dailyLoss.enabled", c -> c.dailyLossEnabled, (c, v) -> c.dailyLossEnabled = v),
        number("risk.dailyLoss.limit", c -> c.dailyLossLimit, (c, v) -> c.dailyLossLimit = v),
        text("risk.dailyLoss.timeZone", c -> c.dailyTimeZone, (c, v) -> c.dailyTimeZone = v),
        number("risk.equityFloor", c -> c.equityFloor, (c, v) -> c.equityFloor = v),
        flag("risk.equityFloorEnabled", c -> c.equityFloorEnabled, (c, v) -> c.equityFloorEnabled = v),
        number("risk.equityMaxAgeMillis", c -> (double)c.equityMaxAgeMillis, (c, v) -> c.equityMaxAgeMillis = v.longValue()),
        number("risk.flatten.retryInitialMillis", c -> (double)c.flattenRetryInitialMillis, (c, v) -> c.flattenRetryInitialMillis = v.longValue()),
        number("risk.flatten.retryMaxMillis", c -> (double)c.flattenRetryMaxMillis, (c, v) -> c.flattenRetryMaxMillis = v.longValue()),
        number("risk.hardBreachMarginPercent", c -> c.hardBreachMarginPercent, (c, v) -> c.hardBreachMarginPercent = v),
        flag("risk.maxDrawdownEnabled", c -> c.maxDrawdownEnabled, (c, v) -> c.maxDrawdownEnabled = v),
        number("risk.maxDrawdownPercent", c -> c.maxDrawdownPercent, (c, v) -> c.maxDrawdownPercent = v),
        number("risk.rearm.cooldownMillis", c -> (double)c.rearmCooldownMillis, (c, v) -> c.rearmCooldownMillis = v.longValue()),
        number("risk.rearm.hysteresisPercent", c -> c.rearmHysteresisPercent, (c, v) -> c.rearmHysteresisPercent = v),
        flag("risk.rearm.rebasePeak", c -> c.rearmRebasePeak, (c, v) -> c.rearmRebasePeak = v),
        number("risk.reduceOnlyLevelPercent", c -> (double)c.reduceOnlyLevelPercent, (c, v) -> c.reduceOnlyLevelPercent = v.intValue()),
        number("risk.staleAfterMillis", c -> (double)c.staleAfterMillis, (c, v) -> c.staleAfterMillis = v.longValue()),
        new Setting("risk.warningLevelsPercent",
            c -> list(Arrays.stream(c.warningLevelsPercent).mapToObj(Integer::toString).collect(Collectors.toList())),
            (c, v) -> c.warningLevelsPercent = items(v).stream().mapToInt(Integer::parseInt).toArray()),
        new Setting("symbols",
            c -> list(c.symbols.stream().map(SymbolSpec::name).collect(Collectors.toList())),
            (c, v) -> c.symbols = items(v).stream().map(SymbolSpec::standard).collect(Collectors.toList())));
}

package dev.ringfence.engine.config;

import static dev.ringfence.engine.config.ConfigChecks.atLeast;
import static dev.ringfence.engine.config.ConfigChecks.range;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting the business logic reads, with its default. The configuration file's key for each
 * field is given beside it; {@link #validate()} names that key when a value is out of range.
 *
 * <p>Built and validated once before the engine starts, then only read (by the business thread).
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
}

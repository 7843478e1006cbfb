package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;

/**
 * The circuit breaker (RISK.md section 1): every failed trade extends a streak of consecutive failures, an
 * executed one ends it. At {@code loop.circuitBreaker.failures} the breaker opens ({@code CIRCUIT_OPENED}) and
 * signals are refused {@code CIRCUIT_OPEN} until {@code loop.circuitBreaker.cooloffMillis} of event time have
 * passed ({@code CIRCUIT_CLOSED}, streak reset). Failures while it is open extend the streak without opening
 * it again. The limits are read from the configuration at each use, so a change in place applies at once.
 *
 * <p>Owned by the business thread; allocation-free.
 */
final class CircuitBreaker
{
    private static final long NONE = Long.MIN_VALUE;

    private final EngineConfig config;
    private final LifecycleEmitter emitter;
    private int consecutiveFailures;
    private long openUntilMillis = NONE;

    CircuitBreaker(final EngineConfig config, final LifecycleEmitter emitter)
    {
        this.config = config;
        this.emitter = emitter;
    }

    boolean isOpen()
    {
        return openUntilMillis != NONE;
    }

    /** A trade executed: the streak ends. */
    void onExecuted()
    {
        consecutiveFailures = 0;
    }

    /** A trade failed: the streak grows, and opens the breaker when it reaches the limit. */
    void onFailed(final long nowMillis)
    {
        consecutiveFailures++;
        if (consecutiveFailures >= config.circuitBreakerFailures && openUntilMillis == NONE)
        {
            openUntilMillis = nowMillis + config.circuitBreakerCooloffMillis;
            emitter.circuitOpened(nowMillis, consecutiveFailures);
        }
    }

    /** Event time moved: an open breaker closes once its cool-off has passed. */
    void onTime(final long nowMillis)
    {
        if (openUntilMillis != NONE && nowMillis >= openUntilMillis)
        {
            openUntilMillis = NONE;
            consecutiveFailures = 0;
            emitter.circuitClosed(nowMillis);
        }
    }
}

package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/** The circuit breaker alone (RISK.md section 1), on event time passed in. */
class CircuitBreakerTest
{
    private static final long T0 = 1_767_571_200_000L;

    private final EngineConfig config = config();
    private final LifecycleLog log = new LifecycleLog();
    private final CircuitBreaker breaker = new CircuitBreaker(config, log.emitter);

    private static EngineConfig config()
    {
        final EngineConfig c = new EngineConfig();
        c.circuitBreakerFailures = 3;
        c.circuitBreakerCooloffMillis = 1_000;
        return c;
    }

    private void fail(final int times, final long nowMillis)
    {
        for (int i = 0; i < times; i++)
        {
            breaker.onFailed(nowMillis);
        }
    }

    @Test
    void opensAtTheConfiguredStreakOfFailures()
    {
        fail(2, T0);
        assertFalse(breaker.isOpen());
        breaker.onFailed(T0 + 5);
        assertTrue(breaker.isOpen());
        assertEquals(1, log.of(CIRCUIT_OPENED).size());
        assertEquals(3, log.of(CIRCUIT_OPENED).get(0).count());
        assertEquals(T0 + 5, log.of(CIRCUIT_OPENED).get(0).timeMillis());
    }

    @Test
    void anExecutedTradeEndsTheStreak()
    {
        fail(2, T0);
        breaker.onExecuted();
        fail(2, T0);
        assertFalse(breaker.isOpen());
        assertTrue(log.events.isEmpty());
    }

    @Test
    void closesOnceTheCoolOffHasPassedOnEventTime()
    {
        fail(3, T0);
        breaker.onTime(T0 + 999);
        assertTrue(breaker.isOpen());
        breaker.onTime(T0 + 1_000);
        assertFalse(breaker.isOpen());
        assertEquals(1, log.of(CIRCUIT_CLOSED).size());
        assertEquals(T0 + 1_000, log.of(CIRCUIT_CLOSED).get(0).timeMillis());
        breaker.onTime(T0 + 2_000);
        assertEquals(1, log.of(CIRCUIT_CLOSED).size(), "closed once");
    }

    @Test
    void closingResetsTheStreak()
    {
        fail(3, T0);
        breaker.onTime(T0 + 1_000);
        fail(2, T0 + 1_000);
        assertFalse(breaker.isOpen());
        breaker.onFailed(T0 + 1_000);
        assertTrue(breaker.isOpen());
    }

    @Test
    void failuresWhileOpenNeitherReopenItNorExtendTheCoolOff()
    {
        fail(3, T0);
        fail(4, T0 + 500);
        assertEquals(1, log.of(CIRCUIT_OPENED).size());
        breaker.onTime(T0 + 1_000);
        assertFalse(breaker.isOpen());
    }

    @Test
    void theLimitsAreReadFromTheConfigurationAtEachUse()
    {
        fail(3, T0);
        breaker.onTime(T0 + 1_000);
        config.circuitBreakerFailures = 1;
        config.circuitBreakerCooloffMillis = 5_000;
        breaker.onFailed(T0 + 2_000);
        assertTrue(breaker.isOpen());
        breaker.onTime(T0 + 6_999);
        assertTrue(breaker.isOpen());
        breaker.onTime(T0 + 7_000);
        assertFalse(breaker.isOpen());
    }
}

package dev.ringfence.gateway.bridge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The refused-handshake token bucket, driven by hand. */
class HandshakeThrottleTest
{
    @Test
    void aBurstThenTheConfiguredRate()
    {
        final HandshakeThrottle throttle = new HandshakeThrottle(5);
        long now = 1_000;
        for (int i = 0; i < 4; i++)
        {
            throttle.onRefused(now);
            assertTrue(throttle.mayAccept(now), "within the burst: " + i);
        }
        throttle.onRefused(now);
        assertFalse(throttle.mayAccept(now));
        assertEquals(now + 200, throttle.acceptAgainAtMillis(now));
        now += 199;
        assertFalse(throttle.mayAccept(now));
        now += 1;
        assertTrue(throttle.mayAccept(now));
    }

    @Test
    void refusalsDuringAPauseAreOwedSoTheLongRunRateHolds()
    {
        final HandshakeThrottle throttle = new HandshakeThrottle(5);
        final long now = 1_000;
        for (int i = 0; i < 10; i++)
        {
            throttle.onRefused(now);
        }
        // 5 tokens of debt plus one to accept: 6 tokens at 5 a second.
        assertEquals(now + 1_200, throttle.acceptAgainAtMillis(now));
    }

    @Test
    void aThousandGuessesTakeMinutesNotMilliseconds()
    {
        final HandshakeThrottle throttle = new HandshakeThrottle(5);
        long now = 0;
        int answered = 0;
        while (answered < 1_000)
        {
            now = throttle.acceptAgainAtMillis(now);
            throttle.onRefused(now);
            answered++;
        }
        assertTrue(now >= 199_000, "1,000 guesses by " + now + " ms");
    }

    @Test
    void theBucketNeverHoldsMoreThanOneSecondsWorth()
    {
        final HandshakeThrottle throttle = new HandshakeThrottle(2);
        throttle.mayAccept(0);
        throttle.onRefused(3_600_000);
        throttle.onRefused(3_600_000);
        assertFalse(throttle.mayAccept(3_600_000));
    }
}

package dev.ringfence.engine;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.TimeoutBlockingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ring.waitStrategy names: each the Disruptor strategy it says, and a wrong name refused with the choices. */
class WaitStrategiesTest
{
    @Test
    void eachNameGivesItsStrategy()
    {
        assertInstanceOf(TimeoutBlockingWaitStrategy.class, WaitStrategies.fromName("blocking"), "blocking, waking after a quiet stretch");
        assertInstanceOf(SleepingWaitStrategy.class, WaitStrategies.fromName("sleeping"));
        assertInstanceOf(YieldingWaitStrategy.class, WaitStrategies.fromName("yielding"));
        assertInstanceOf(BusySpinWaitStrategy.class, WaitStrategies.fromName("busy-spin"));
        assertInstanceOf(PhasedBackoffWaitStrategy.class, WaitStrategies.fromName("phased"));
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> WaitStrategies.fromName("spin"));
        assertTrue(refused.getMessage().contains("blocking, phased, sleeping, yielding, busy-spin"), refused.getMessage());
    }
}

package dev.ringfence.engine;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.TimeoutBlockingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Wait strategies by configuration name ({@code ring.waitStrategy}). Busy-spin and yielding burn a core
 * each: only where cores are dedicated to the engine. Blocking suits laptops, CI and small shared machines.
 * Phased spins for {@link #PHASED_SPIN_MICROS}, yields for {@link #PHASED_YIELD_MICROS}, then blocks: an
 * event that follows another closely is taken without a wake-up, and an idle engine owns no core.
 * Blocking wakes the thread after {@link #QUIET_MILLIS} without an event, so a gate's
 * {@link GateIdleWork#quiet()} gets the quiet moments (the journal faults its next pages in then). Phased does
 * not: its back-off would start spinning again after every such wake-up.
 */
public final class WaitStrategies
{
    public static final String DEFAULT = "blocking";
    public static final long PHASED_SPIN_MICROS = 20;
    public static final long PHASED_YIELD_MICROS = 200;
    public static final long QUIET_MILLIS = 1;

    private WaitStrategies()
    {
    }

    public static WaitStrategy fromName(final String name)
    {
        switch (name)
        {
            case "blocking":
                return new TimeoutBlockingWaitStrategy(QUIET_MILLIS, TimeUnit.MILLISECONDS);
            case "sleeping":
                return new SleepingWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "busy-spin":
                return new BusySpinWaitStrategy();
            case "phased":
                return PhasedBackoffWaitStrategy.withLiteLock(PHASED_SPIN_MICROS, PHASED_YIELD_MICROS, TimeUnit.MICROSECONDS);
            default:
                throw new IllegalArgumentException(
                    "ring.waitStrategy = " + name + ": use one of blocking, phased, sleeping, yielding, busy-spin");
        }
    }
}

package dev.ringfence.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * Wait strategies by configuration name ({@code ring.waitStrategy}). Busy-spin and yielding burn a core
 * each: only where cores are dedicated to the engine. The default, blocking, suits laptops, CI and
 * small shared machines.
 */
public final class WaitStrategies
{
    public static final String DEFAULT = "blocking";

    private WaitStrategies()
    {
    }

    public static WaitStrategy fromName(final String name)
    {
        switch (name)
        {
            case "blocking":
                return new BlockingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "busy-spin":
                return new BusySpinWaitStrategy();
            default:
                throw new IllegalArgumentException(
                    "ring.waitStrategy = " + name + ": use one of blocking, sleeping, yielding, busy-spin");
        }
    }
}

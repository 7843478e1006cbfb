package dev.ringfence.tools.run;

import dev.ringfence.engine.event.TimerTicks;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes TIMER events at a fixed rate: the engine's only source of passing time (heartbeats,
 * retries, timeouts, staleness, day boundaries). A tick that finds the ring full is skipped; the next
 * one carries the time forward.
 */
public final class EngineTimer implements AutoCloseable
{
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "ringfence-timer");
        thread.setDaemon(true);
        return thread;
    });

    public EngineTimer(final TimerTicks inbound, final long periodMillis)
    {
        scheduler.scheduleAtFixedRate(
            () -> inbound.timer(System.currentTimeMillis()), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close()
    {
        scheduler.shutdownNow();
    }
}

package dev.ringfence.tools.paper;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvents;
import dev.ringfence.engine.event.Side;

import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A demo signal source for paper runs: a 0.10-lot signal on a random symbol and side, at a fixed interval. */
final class DemoSignals implements AutoCloseable
{
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "ringfence-demo-signals");
        thread.setDaemon(true);
        return thread;
    });
    private final SplittableRandom random;
    private int sent;

    DemoSignals(final InboundEvents inbound, final SymbolTable symbols, final long intervalMillis, final long seed)
    {
        this.random = new SplittableRandom(seed);
        scheduler.scheduleAtFixedRate(() ->
        {
            final long now = System.currentTimeMillis();
            sent++;
            inbound.signal(now, "demo-" + sent, random.nextInt(symbols.size()), random.nextBoolean() ? Side.BUY : Side.SELL,
                0.10, 0, 0, 0, now);
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** No more signals (before a graceful stop, so LOOP_STOPPED stays the last event). */
    @Override
    public void close()
    {
        scheduler.shutdownNow();
        try
        {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

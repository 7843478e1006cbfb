package dev.ringfence.tools.run;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.Signals;

import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A demo signal source for paper runs: a 0.10-lot signal on a random symbol and side, at a fixed interval.
 * Ids carry the run's start time ({@code demo-<start>-<n>}): the engine remembers every id it decided
 * about across restarts, so a second run on the same journal must not reuse the first run's ids.
 */
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

    DemoSignals(final Signals inbound, final SymbolTable symbols, final long intervalMillis, final long seed)
    {
        this(inbound, symbols, intervalMillis, seed, System.currentTimeMillis());
    }

    DemoSignals(
        final Signals inbound, final SymbolTable symbols, final long intervalMillis, final long seed, final long runStartMillis)
    {
        final String idPrefix = idPrefix(runStartMillis);
        this.random = new SplittableRandom(seed);
        scheduler.scheduleAtFixedRate(() ->
        {
            final long now = System.currentTimeMillis();
            sent++;
            inbound.signal(now, idPrefix + sent, random.nextInt(symbols.size()), random.nextBoolean() ? Side.BUY : Side.SELL,
                0.10, 0, 0, 0, now);
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** {@code demo-<run start, base 36>-}: unique per run, short enough for the signal id field. */
    static String idPrefix(final long runStartMillis)
    {
        return "demo-" + Long.toString(runStartMillis, 36) + "-";
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

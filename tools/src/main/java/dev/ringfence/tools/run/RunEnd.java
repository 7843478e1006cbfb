package dev.ringfence.tools.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a run ends: on the main thread once it is over (LOOP_STOPPED, the end of {@code --duration}, a stop
 * requested), or from the JVM's shutdown hook on Ctrl-C, whichever comes first. The stop handed in must
 * run its work once and make a second caller wait for it.
 */
final class RunEnd
{
    private RunEnd()
    {
    }

    /** Waits until {@code finish} (at most {@code durationMillis} when positive), then stops; Ctrl-C stops meanwhile. */
    static void awaitThenStop(final CountDownLatch finish, final long durationMillis, final Runnable stop) throws InterruptedException
    {
        final Thread hook = new Thread(() ->
        {
            stop.run();
            // Ctrl-C is the ordinary way to stop: once LOOP_STOPPED is out and files are closed, exit 0.
            Runtime.getRuntime().halt(0);
        }, "ringfence-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        if (durationMillis > 0)
        {
            finish.await(durationMillis, TimeUnit.MILLISECONDS);
        }
        else
        {
            finish.await();
        }
        stop.run();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ignored)
        {
            // already shutting down
        }
    }

    /** False when the latch did not open in time (or the wait was interrupted, the interrupt kept). */
    static boolean awaitQuietly(final CountDownLatch latch, final long millis)
    {
        try
        {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

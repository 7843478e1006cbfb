package dev.ringfence.tools.run;

import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.sim.SimulatedTerminal;
import dev.ringfence.tools.alerts.AlertPipeline;
import dev.ringfence.tools.http.HttpApi;

import java.io.BufferedWriter;
import java.io.IOException;

/**
 * The parts of a run that must be closed, closed in one order whether the run stops or its start fails: the
 * engine first (after LOOP_STOPPED it decides nothing more, so nothing follows it), the lifecycle consumers
 * last. A part is registered once it has started; one not registered is skipped. A part that fails to close
 * is reported and does not keep the others open.
 */
final class RunParts
{
    private final LifecycleOutbound lifecycle;
    private final BufferedWriter outFile;
    private final AlertPipeline alerts;
    EngineTimer timer;
    HttpApi http;
    LiveEngine live;
    SimulatedTerminal terminal;
    Gateway gateway;

    /** What every run has before its engine starts: the lifecycle ring, the {@code --out} file, the alerts (both may be null). */
    RunParts(final LifecycleOutbound lifecycle, final BufferedWriter outFile, final AlertPipeline alerts)
    {
        this.lifecycle = lifecycle;
        this.outFile = outFile;
        this.alerts = alerts;
    }

    void close()
    {
        if (timer != null)
        {
            timer.close();
        }
        closeQuietly(http);
        if (live != null)
        {
            live.close();
        }
        closeQuietly(terminal);
        closeQuietly(gateway);
        lifecycle.close();
        closeQuietly(outFile);
        closeQuietly(alerts);
    }

    /** After a stop: what the run could not deliver, when anything. */
    void reportLosses()
    {
        if (alerts != null && alerts.failed() > 0)
        {
            System.err.println("ringfence run: " + alerts.failed() + " alert deliveries failed (" + alerts.delivered() + " delivered)");
        }
        if (lifecycle.dropped() > 0)
        {
            System.err.println("ringfence run: " + lifecycle.dropped() + " lifecycle events could not be printed (output too slow)");
        }
    }

    static void closeQuietly(final AutoCloseable closeable)
    {
        if (closeable == null)
        {
            return;
        }
        try
        {
            closeable.close();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception ex)
        {
            System.err.println("ringfence run: closing " + closeable.getClass().getSimpleName() + ": " + ex);
        }
    }

    static void closeQuietly(final BufferedWriter writer)
    {
        if (writer != null)
        {
            try
            {
                writer.close();
            }
            catch (final IOException ex)
            {
                System.err.println("ringfence run: could not close the output file: " + ex.getMessage());
            }
        }
    }
}

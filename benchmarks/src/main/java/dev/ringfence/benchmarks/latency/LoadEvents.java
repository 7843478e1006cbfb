package dev.ringfence.benchmarks.latency;

import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundPorts;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;

/**
 * The load: ticks and account reports alternating (the hot path), equity wandering within 5 % of the
 * peak (warnings, no trip), after a start-up that leaves the engine started, connected, reconciled and
 * holding one position, so every account report runs every rule. Same stream for every pipeline.
 */
final class LoadEvents
{
    static final long LOGIN = 7;

    private LoadEvents()
    {
    }

    /** Publishes the start-up; returns how many events it published. */
    static int startUp(final InboundPorts engine, final long epochMillis)
    {
        int published = 0;
        published += require(engine.operatorCommands().admin(epochMillis, AdminCommand.START, "latency-harness"));
        published += require(engine.terminalReports().terminalStatus(epochMillis, true));
        published += require(engine.terminalReports().symbolSpec(epochMillis, 0, 100_000, 0.01, 0.01, 100, 5, 3));
        published += require(engine.terminalReports().account(epochMillis, LOGIN, 10_000, 10_000, 0, 10_000, true, epochMillis, 0, TradePermissions.ALL));
        published += require(engine.terminalReports().positionsBegin(epochMillis, 1));
        published += require(engine.terminalReports().position(epochMillis, 1, 0, Side.BUY, 1.0, 1.1, 0, 0));
        return published;
    }

    /** Publishes event {@code index}; false when the pipeline refused it (full). */
    static boolean publish(final InboundPorts engine, final long index, final long epochMillis)
    {
        final double wave = Math.sin(index / 20_000.0);
        if ((index & 1) == 0)
        {
            return engine.terminalReports().tick(epochMillis, 0, 1.1 + wave * 0.001, 1.1002 + wave * 0.001);
        }
        final double equity = 10_000 + wave * 500;
        return engine.terminalReports().account(epochMillis, LOGIN, 10_000, equity, 100, equity - 100, true, epochMillis, 0, TradePermissions.ALL);
    }

    /** One start-up event published, or the run fails. */
    private static int require(final boolean accepted)
    {
        if (!accepted)
        {
            throw new IllegalStateException("the pipeline refused a start-up event");
        }
        return 1;
    }
}

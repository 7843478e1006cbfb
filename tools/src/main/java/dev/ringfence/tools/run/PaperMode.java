package dev.ringfence.tools.run;

import dev.ringfence.gateway.bridge.GatewayConfig;
import dev.ringfence.gateway.sim.SimulatedTerminal;

import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * What {@code run --paper} does differently: a journal of its own, a gateway only the embedded simulated
 * terminal can reach, and that terminal's settings.
 */
final class PaperMode
{
    private PaperMode()
    {
    }

    /**
     * Paper runs never share the live journal: {@code ringfence-data/journal} becomes
     * {@code ringfence-data/paper/journal} (the configured directory's parent, then {@code paper}).
     */
    static Path journal(final Path liveJournal)
    {
        final Path parent = liveJournal.getParent();
        final Path paper = parent == null ? Path.of("paper") : parent.resolve("paper");
        return paper.resolve(liveJournal.getFileName());
    }

    /** Its own gateway on a free loopback port with a one-run secret, so it never meets a real EA. */
    static GatewayConfig gateway(final GatewayConfig configured)
    {
        final GatewayConfig paper = configured.copy(); // the timings as configured; where it listens, and for whom, its own
        paper.bind = "127.0.0.1";
        paper.port = 0;
        paper.secret = "paper-" + Long.toHexString(new SecureRandom().nextLong());
        paper.login = 0;
        return paper;
    }

    /** The simulated terminal that connects to that gateway ({@code --volatility}, {@code --seed}). */
    static SimulatedTerminal.Settings simulator(final int port, final String secret, final double volatility, final long seed)
    {
        final SimulatedTerminal.Settings settings = new SimulatedTerminal.Settings();
        settings.port = port;
        settings.secret = secret;
        settings.volatility = volatility;
        settings.seed = seed;
        return settings;
    }
}

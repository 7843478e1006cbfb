package dev.ringfence.tools.run;

import dev.ringfence.engine.Engine;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayConfig;
import dev.ringfence.tools.alerts.AlertPipeline;
import dev.ringfence.tools.config.RingfenceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.net.BindException;

/**
 * The gateway as a run sets it up: which configuration it listens with, how it is composed, and what the
 * operator is told when it cannot listen.
 */
final class RunGateway
{
    private RunGateway()
    {
    }

    /**
     * Paper mode's own ({@link PaperMode#gateway}); otherwise the configured one, accepting only the journal's
     * account when {@code gateway.login} names none.
     */
    static GatewayConfig config(final boolean paper, final RingfenceConfig config, final long journalLogin, final PrintStream console)
    {
        final GatewayConfig gatewayConfig = paper ? PaperMode.gateway(config.gateway) : config.gateway;
        if (!paper && gatewayConfig.login == 0 && journalLogin != 0)
        {
            // The journal guards one account: a terminal logged in to another is refused at its HELLO (LOGIN),
            // before any of its figures could be mistaken for this account's.
            gatewayConfig.login = journalLogin;
            console.println("gateway: accepting only account login " + gatewayConfig.login + ", the journal's account");
        }
        return gatewayConfig;
    }

    /**
     * The gateway as every run composes it. Its heartbeats vouch for the business thread: the Expert Advisor counts
     * only the engine's HEARTBEAT as a sign of life (PROTOCOL.md), so they stop once the business thread has made
     * no progress for {@code gateway.deadAfterMillis} while events wait, and a live socket in front of a stuck
     * engine reads as silence. Its lines (the broker's symbol names, refused specs, failures) go to the log.
     */
    static Gateway compose(
        final GatewayConfig gatewayConfig,
        final RingfenceConfig config,
        final Engine engine,
        final CommandRing commands,
        final AlertPipeline alerts)
    {
        final Logger log = LoggerFactory.getLogger("ringfence.gateway");
        return new Gateway(gatewayConfig, config.symbols, engine.inbound().terminalReports(), commands)
            .heartbeatOnlyWhile(now -> engine.isBusinessThreadAlive(now, gatewayConfig.deadAfterMillis))
            .log(log::info)
            // A dead gateway thread is visible three ways: its own log line, this alert, and /health 503.
            .onThreadStopped(reason ->
            {
                if (alerts != null)
                {
                    alerts.onGatewayStopped(reason);
                }
            });
    }

    /** Why the gateway cannot listen for the terminal, and what to do. */
    static String notListening(final GatewayConfig gatewayConfig, final BindException ex)
    {
        return "cannot listen for the terminal on " + gatewayConfig.bind + ":" + gatewayConfig.port +
            " (gateway.bind, gateway.port): " + ex.getMessage() + ". Another process (another ringfence?) holds the port: " +
            "stop it, or choose another port with --set gateway.port=N (and the same port in the Expert Advisor).";
    }
}

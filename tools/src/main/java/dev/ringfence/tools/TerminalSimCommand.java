package dev.ringfence.tools;

import dev.ringfence.gateway.sim.SimulatedTerminal;
import dev.ringfence.tools.config.RingfenceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code ringfence terminal-sim}: the paper terminal behind the real protocol, connecting to a running
 * engine exactly like the Expert Advisor, with faults injected by typed commands on standard input.
 */
@Command(
    name = "terminal-sim",
    mixinStandardHelpOptions = true,
    description = {
        "A simulated MT5 terminal that connects to a running engine's gateway like the Expert Advisor (random-walk market, paper broker). Type faults on standard input, one per line:",
        "  reject RETCODE COUNT    the next COUNT orders get that return code",
        "  lose-reply              the next order executes but its reply is lost",
        "  drop                    drop the connection (it reconnects with backoff)",
        "  drop-mid-frame          send half a frame, then drop",
        "  drop-after-order        execute the next order, drop before its reply",
        "  split on|off            write frames a few bytes at a time",
        "  slow MILLIS             answer commands this much later (0: at once)",
        "  freeze MILLIS           no account reports for that long",
        "  shock BALANCE EQUITY    the account jumps to these figures",
        "  permissions MASK        trade permissions: 1 terminal, 2 program, 4 account, 8 expert (15: all)",
        "  partial-close TICKET VOLUME  close that much of a position by hand",
        "  restart-empty           restart with an empty memory",
        "  status                  connection, positions, deals, equity",
        "  quit"})
public final class TerminalSimCommand implements Callable<Integer>
{
    @Option(names = "--port", description = "The gateway's port (default: gateway.port).")
    Integer port;

    @Option(names = "--secret", description = "The shared secret (default: gateway.secret).")
    String secret;

    @Option(names = "--volatility", defaultValue = "0.0002", description = "Random-walk volatility per 250 ms quote (default: ${DEFAULT-VALUE}).")
    double volatility;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the market (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception
    {
        final RingfenceConfig config;
        try
        {
            config = configOptions.loader().load();
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence terminal-sim: " + ex.getMessage());
            return 2;
        }
        final SimulatedTerminal.Settings settings = new SimulatedTerminal.Settings();
        settings.port = port != null ? port : config.gateway.port;
        settings.secret = secret != null ? secret : config.gateway.secret;
        settings.volatility = volatility;
        settings.seed = seed;
        try (SimulatedTerminal terminal = new SimulatedTerminal(settings, config.symbols, config.terminal).start())
        {
            System.out.println("terminal-sim: connecting to 127.0.0.1:" + settings.port + " (type a fault, 'status' or 'quit')");
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null)
            {
                final String[] words = line.trim().split("\\s+");
                if (words[0].isEmpty())
                {
                    continue;
                }
                if (words[0].equals("quit"))
                {
                    break;
                }
                System.out.println(apply(terminal, words));
            }
            if (line == null)
            {
                // Standard input closed (run in the background): keep trading until killed.
                Thread.currentThread().join();
            }
        }
        return 0;
    }

    static String apply(final SimulatedTerminal terminal, final String[] words)
    {
        try
        {
            switch (words[0])
            {
                case "reject":
                    terminal.rejectNext(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                    return "the next " + words[2] + " orders get " + words[1];
                case "lose-reply":
                    terminal.loseNextReply();
                    return "the next order's reply will be lost";
                case "drop":
                    terminal.dropConnection();
                    return "dropping the connection";
                case "drop-mid-frame":
                    terminal.dropMidFrame();
                    return "dropping in the middle of a frame";
                case "drop-after-order":
                    terminal.dropAfterNextOrder();
                    return "the next order executes, then the connection drops";
                case "split":
                    terminal.splitFrames(words[1].equals("on"));
                    return "split frames " + words[1];
                case "slow":
                    terminal.slowReplies(Long.parseLong(words[1]));
                    return "replies delayed by " + words[1] + " ms";
                case "freeze":
                    terminal.freezeAccount(Long.parseLong(words[1]));
                    return "no account reports for " + words[1] + " ms";
                case "shock":
                    terminal.setAccount(Double.parseDouble(words[1]), Double.parseDouble(words[2]));
                    return "balance " + words[1] + ", equity " + words[2];
                case "permissions":
                    terminal.tradePermissions(Integer.parseInt(words[1]));
                    return "trade permissions " + words[1] + (words[1].equals("15") ? " (trading permitted)" : " (trading not permitted)");
                case "partial-close":
                    terminal.closePartially(Long.parseLong(words[1]), Double.parseDouble(words[2]));
                    return "closing " + words[2] + " of position " + words[1];
                case "restart-empty":
                    terminal.restartEmpty();
                    return "restarting with an empty memory";
                case "status":
                    return String.format("connected %s, sessions %d, open positions %d, deals %d, equity %.2f",
                        terminal.isConnected(), terminal.sessions(), terminal.openPositions(), terminal.deals(), terminal.equity());
                default:
                    return "unknown command '" + words[0] + "' (see --help)";
            }
        }
        catch (final RuntimeException ex)
        {
            return "could not read '" + String.join(" ", words) + "': " + ex.getMessage() + " (see --help)";
        }
    }
}

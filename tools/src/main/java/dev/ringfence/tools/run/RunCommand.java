package dev.ringfence.tools.run;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayConfig;
import dev.ringfence.gateway.sim.SimulatedTerminal;
import dev.ringfence.tools.ConfigOptions;
import dev.ringfence.tools.LifecycleJson;
import dev.ringfence.tools.alerts.AlertPipeline;
import dev.ringfence.tools.alerts.TelegramCommands;
import dev.ringfence.tools.http.HttpApi;
import dev.ringfence.tools.http.RecentEvents;
import dev.ringfence.tools.journal.JournalDirectory;
import dev.ringfence.tools.http.RingfenceMetrics;
import dev.ringfence.tools.config.RingfenceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static dev.ringfence.tools.run.RunEnd.awaitQuietly;
import static dev.ringfence.tools.run.RunParts.closeQuietly;

/** {@code ringfence run [--paper]}: the live engine, against the MT5 terminal or the simulated one. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the engine live behind the MT5 bridge (gateway on 127.0.0.1, gateway.port), waiting for the Expert Advisor to connect.",
        "With --paper, an embedded simulated terminal connects instead, over real loopback TCP (a random-walk market with the paper broker).",
        "Prints a readable view of lifecycle events and heartbeats. Ctrl-C or the end of --duration stops gracefully (LOOP_STOPPED), exit code 0."})
public final class RunCommand implements Callable<Integer>
{
    @Option(names = "--paper", description = "Trade against the embedded simulated terminal (over loopback TCP) instead of MT5.")
    boolean paper;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long: 30s, 5m, 1h, 500ms (default: until Ctrl-C).")
    String duration;

    @Option(names = "--demo-signals", description = "Send a demo signal every few seconds.")
    boolean demoSignals;

    @Option(names = "--demo-interval", paramLabel = "DURATION", defaultValue = "3s", description = "Demo signal interval (default: ${DEFAULT-VALUE}).")
    String demoInterval;

    @Option(names = "--volatility", defaultValue = "0.0002", description = "Random-walk volatility per 250 ms quote (default: ${DEFAULT-VALUE}).")
    double volatility;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random-walk market and demo signals (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the lifecycle events as JSON Lines (SCENARIOS.md format).")
    Path out;

    @Option(names = "--quiet", description = "Do not print the live view.")
    boolean quiet;

    @Option(names = "--journal", paramLabel = "DIR", description = {"Journal directory (default: journal.dir, ./ringfence-data/journal; with --paper, ./ringfence-data/paper/journal).",
        "An existing journal is replayed to restore the engine's state; a journal of the other mode is refused."})
    Path journalDir;

    @Option(names = LiveEngine.ACCEPT_DAMAGED_FLAG, description = "Start although the journal is damaged: it is moved aside to DIR.damaged-<time> (kept) and the engine starts LOCKED on a new journal (flattens, denies entries) until an operator re-arms.")
    boolean acceptDamagedJournal;

    @Option(names = "--no-journal", description = "Run without a journal: nothing survives a restart.")
    boolean noJournal;

    @Option(names = "--rebase", description = "Accept a configuration that changed since the journal was written (re-bases the peak).")
    boolean rebase;

    @Mixin
    ConfigOptions configOptions;

    /** Counted down by LOOP_STOPPED, the end of --duration's wait, or {@link #requestStop()}: the run then stops. */
    private final CountDownLatch finish = new CountDownLatch(1);

    /** Stops a run in progress as Ctrl-C would (for a program that embeds the command); returns at once. */
    public void requestStop()
    {
        finish.countDown();
    }

    @Override
    public Integer call() throws Exception
    {
        final RingfenceConfig config;
        final long durationMillis;
        final long demoIntervalMillis;
        try
        {
            config = configOptions.loader().load();
            durationMillis = duration == null ? -1 : DurationArgument.parse("--duration", duration);
            demoIntervalMillis = DurationArgument.parse("--demo-interval", demoInterval);
            if (!paper && config.gateway.secret.equals(GatewayConfig.DEFAULT_SECRET))
            {
                throw new IllegalArgumentException("gateway.secret is still the default '" + GatewayConfig.DEFAULT_SECRET +
                    "': any program on this machine could pose as the terminal. Set gateway.secret (or " +
                    "RINGFENCE_GATEWAY_SECRET) to your own secret, and the same value in the Expert Advisor's input");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence run: " + ex.getMessage());
            return 2;
        }
        final Path journal = journalPath(config);
        try
        {
            if (journal != null)
            {
                JournalDirectory.check(journal, "--journal DIR (or journal.dir in the configuration), or run with --no-journal");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence run: " + ex.getMessage());
            return 2;
        }
        return runLive(config, journal, durationMillis, demoSignals ? demoIntervalMillis : 0);
    }

    /** Where this run journals: --journal, else journal.dir (its paper sibling with --paper); null with --no-journal. */
    private Path journalPath(final RingfenceConfig config)
    {
        return noJournal ? null : journalDir != null ? journalDir : paper ? PaperMode.journal(config.journalDir) : config.journalDir;
    }

    private int runLive(final RingfenceConfig config, final Path journal, final long durationMillis, final long demoIntervalMillis)
        throws Exception
    {
        final PrintStream console = System.out;
        final LifecycleJson json = new LifecycleJson(config.symbols, config.engine.currencyDigits, 0);
        final ConsoleView view = new ConsoleView(console, 0);
        final CountDownLatch stopped = new CountDownLatch(1);
        final BufferedWriter outFile;
        try
        {
            outFile = out == null ? null : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            System.err.println("ringfence run: cannot write the events file " + out + " (--out): " + JournalDirectory.reason(ex) +
                ". Choose another path, or leave out --out");
            return 2;
        }
        final long origin = System.currentTimeMillis();
        final LifecycleJson fileJson = new LifecycleJson(config.symbols, config.engine.currencyDigits, origin);

        final List<Consumer<LifecycleEvent>> consumers = new ArrayList<>();
        if (!quiet)
        {
            consumers.add(event -> view.print(json.toJson(event)));
        }
        if (outFile != null)
        {
            consumers.add(event -> writeLine(outFile, fileJson.toJson(event)));
        }
        if (!config.lifecycleLog.equals("off"))
        {
            final Logger log = LoggerFactory.getLogger("ringfence.lifecycle");
            final boolean asJson = config.lifecycleLog.equals("json");
            consumers.add(event -> log.info(asJson ? fileJson.toJson(event) : ConsoleView.line(json.toJson(event), 0)));
        }
        final AlertPipeline alerts = config.alerts.enabled() ?
            new AlertPipeline(config.alerts, Thread::sleep).symbols(config.symbols).start() : null;
        if (alerts != null)
        {
            consumers.add(alerts::onLifecycleEvent);
            console.println("alerts: Telegram chat " + config.alerts.telegramChatId);
        }
        consumers.add(event ->
        {
            if (event.type() == LifecycleEventType.LOOP_STOPPED)
            {
                stopped.countDown();
                finish.countDown();
            }
        });
        final RecentEvents recentEvents = config.http.enabled ? new RecentEvents(config.symbols, config.engine.currencyDigits, 500) : null;
        if (recentEvents != null)
        {
            consumers.add(recentEvents::accept);
        }

        final CommandRing commands = new CommandRing(1 << 20);
        final LifecycleOutbound lifecycle = new LifecycleOutbound(1 << 16, consumers);
        final RunParts parts = new RunParts(lifecycle, outFile, alerts);
        final StatusBoard board = new StatusBoard();
        final LiveEngine.JournalOptions journalOptions = new LiveEngine.JournalOptions();
        journalOptions.mode = paper ? "paper" : "live";
        journalOptions.acceptDamaged = acceptDamagedJournal;
        journalOptions.expectedLogin = config.engine.accountLogin != 0 || paper ? config.engine.accountLogin : config.gateway.login;
        final LiveEngine live;
        try
        {
            live = LiveEngine.start(config, journal, journalOptions, commands, lifecycle, paper ? "paper" : "operator", rebase, board, console);
        }
        catch (final StartRefusedException ex)
        {
            System.err.println("ringfence run: " + ex.getMessage());
            parts.close();
            return 2;
        }
        parts.live = live;
        final Engine engine = live.engine();
        final EngineTimer timer = new EngineTimer(engine.inbound().timerTicks(), config.timerMillis);
        parts.timer = timer;
        final GatewayConfig gatewayConfig = RunGateway.config(paper, config, live.journalLogin(), console);
        final Gateway gateway = RunGateway.compose(gatewayConfig, config, engine, commands, alerts);
        final int port;
        try
        {
            port = gateway.start();
        }
        catch (final BindException ex)
        {
            System.err.println("ringfence run: " + RunGateway.notListening(gatewayConfig, ex));
            parts.close();
            return 2;
        }
        // Telegram commands start after the HTTP API; their counters are read at scrape time through this holder.
        final AtomicReference<TelegramCommands> telegram = new AtomicReference<>();
        final HttpApi http = config.http.enabled ? new HttpApi(config.http, config.symbols, engine.inbound().signals(),
            engine.inbound().operatorCommands(), board,
            now -> engine.isBusinessThreadAlive(now, 5_000), config.engine.heartbeatIntervalMillis,
            RingfenceMetrics.registerDependencies(
                RingfenceMetrics.registerGateway(RingfenceMetrics.registry(board, engine::backlog), gateway),
                live::journalProblem, () -> alerts == null ? 0 : alerts.failed(),
                () -> telegram.get() == null ? 0 : telegram.get().pollFailures()))
            .gatewayAliveWhile(gateway::isAlive).dependencyHealth(live::journalProblem).recentEvents(recentEvents) : null;
        if (http != null)
        {
            final int httpPort;
            try
            {
                httpPort = http.start();
            }
            catch (final IOException ex)
            {
                System.err.println("ringfence run: " + HttpMessages.notServed(config.http, ex));
                closeQuietly(gateway);
                parts.close();
                return 2;
            }
            parts.http = http;
            HttpMessages.serving(console, config.http, httpPort);
        }
        // The gateway joins the parts once every listener is up: a start that fails before closes it first, on its own.
        parts.gateway = gateway;
        // The terminal comes last: every listener is bound before it connects, so a start that fails leaves no session behind.
        final SimulatedTerminal terminal = paper ? new SimulatedTerminal(PaperMode.simulator(port, gatewayConfig.secret, volatility, seed),
            config.symbols, config.terminal).start() : null;
        parts.terminal = terminal;
        if (!paper)
        {
            console.println("gateway: waiting for the MT5 terminal's Expert Advisor on " + gatewayConfig.bind + ":" + port);
        }
        final TelegramCommands telegramCommands = config.alerts.commandsOn()
            ? new TelegramCommands(config.alerts, engine.inbound().operatorCommands(), board, Thread::sleep, System::currentTimeMillis).start() : null;
        telegram.set(telegramCommands);
        if (telegramCommands != null)
        {
            console.println("telegram: taking /status, /halt, /resume, /flatten, /rearm from chat " +
                String.join(", ", config.alerts.commandChats()));
        }
        final DemoSignals demo = demoIntervalMillis > 0 ? new DemoSignals(engine.inbound().signals(), config.symbols, demoIntervalMillis, seed) : null;

        final AtomicBoolean stopping = new AtomicBoolean();
        final CountDownLatch closed = new CountDownLatch(1);
        // Runs once, from the main thread or the Ctrl-C hook, whichever comes first; the other waits for it.
        final Runnable stop = () ->
        {
            if (!stopping.compareAndSet(false, true))
            {
                awaitQuietly(closed, config.engine.stopDrainMillis + 10_000);
                return;
            }
            try
            {
                if (demo != null)
                {
                    demo.close();
                }
                // No operator command from the chat after this: the engine is about to stop.
                closeQuietly(telegramCommands);
                if (telegramCommands != null && telegramCommands.pollFailures() > 0)
                {
                    System.err.println("ringfence run: " + telegramCommands.pollFailures() + " Telegram getUpdates polls failed");
                }
                while (!engine.inbound().operatorCommands().admin(System.currentTimeMillis(), AdminCommand.STOP, "operator"))
                {
                    Thread.onSpinWait();
                }
                if (!awaitQuietly(stopped, config.engine.stopDrainMillis + 3_000))
                {
                    System.err.println("ringfence run: the loop did not report LOOP_STOPPED within " +
                        (config.engine.stopDrainMillis + 3_000) + " ms; stopping anyway");
                }
                parts.close();
                parts.reportLosses();
            }
            finally
            {
                closed.countDown();
            }
        };
        RunEnd.awaitThenStop(finish, durationMillis, stop);
        return 0;
    }

    private static void writeLine(final BufferedWriter writer, final String line)
    {
        try
        {
            writer.write(line);
            writer.newLine();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

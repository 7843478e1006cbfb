package dev.ringfence.tools.paper;

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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

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
            durationMillis = duration == null ? -1 : parseDuration("--duration", duration);
            demoIntervalMillis = parseDuration("--demo-interval", demoInterval);
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
        return noJournal ? null : journalDir != null ? journalDir : paper ? paperJournal(config.journalDir) : config.journalDir;
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
            lifecycle.close();
            closeQuietly(outFile);
            closeQuietly(alerts);
            return 2;
        }
        final Engine engine = live.engine();
        final EngineTimer timer = new EngineTimer(engine.inbound().timerTicks(), config.timerMillis);
        final GatewayConfig gatewayConfig = paper ? paperGateway(config.gateway) : config.gateway;
        if (!paper && gatewayConfig.login == 0 && live.journalLogin() != 0)
        {
            // The journal guards one account: a terminal logged in to another is refused at its HELLO (LOGIN),
            // before any of its figures could be mistaken for this account's.
            gatewayConfig.login = live.journalLogin();
            console.println("gateway: accepting only account login " + gatewayConfig.login + ", the journal's account");
        }
        final Gateway gateway = gateway(gatewayConfig, config, engine, commands, alerts);
        final int port;
        try
        {
            port = gateway.start();
        }
        catch (final BindException ex)
        {
            System.err.println("ringfence run: cannot listen for the terminal on " + gatewayConfig.bind + ":" + gatewayConfig.port +
                " (gateway.bind, gateway.port): " + ex.getMessage() + ". Another process (another ringfence?) holds the port: " +
                "stop it, or choose another port with --set gateway.port=N (and the same port in the Expert Advisor).");
            abandonStart(timer, live, lifecycle, outFile, alerts);
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
                // Jetty reports a taken port as an IOException whose cause is the BindException.
                final boolean taken = ex instanceof BindException || ex.getCause() instanceof BindException ||
                    String.valueOf(ex.getMessage()).contains("Failed to bind");
                System.err.println("ringfence run: cannot serve the HTTP API on " + config.http.bind + ":" + config.http.port +
                    " (http.bind, http.port): " + (taken ? "the port is in use. Another process (another ringfence?) holds it: stop it, " +
                    "or choose another with --set http.port=N (0 picks a free one), or --set http.enabled=false." : ex.getMessage() +
                    ". Check that http.bind is an address of this machine, or choose another port with --set http.port=N."));
                closeQuietly(gateway);
                abandonStart(timer, live, lifecycle, outFile, alerts);
                return 2;
            }
            console.println("http: " + config.http.bind + ":" + httpPort + " (POST /signals" +
                (config.http.hmacSecret.isEmpty() ? " disabled: no ingress.hmacSecret" : "") + ", /admin/*" +
                (config.http.adminToken.isEmpty() ? " disabled: no admin.token" : "") + ", GET /status, /health, /metrics)");
            console.println("console: http://" + hostForUrl(config.http.bind) + ":" + httpPort + "/");
        }
        // The terminal comes last: every listener is bound before it connects, so a start that fails leaves no session behind.
        final SimulatedTerminal terminal = paper ? new SimulatedTerminal(simulatorFor(port, gatewayConfig.secret), config.symbols,
            config.terminal).start() : null;
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
                // The engine first: after LOOP_STOPPED it decides nothing more, so nothing follows it.
                timer.close();
                closeQuietly(http);
                live.close();
                closeQuietly(terminal);
                closeQuietly(gateway);
                lifecycle.close();
                closeQuietly(outFile);
                closeQuietly(alerts);
                if (alerts != null && alerts.failed() > 0)
                {
                    System.err.println("ringfence run: " + alerts.failed() + " alert deliveries failed (" + alerts.delivered() + " delivered)");
                }
                if (lifecycle.dropped() > 0)
                {
                    System.err.println("ringfence run: " + lifecycle.dropped() + " lifecycle events could not be printed (output too slow)");
                }
            }
            finally
            {
                closed.countDown();
            }
        };
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
        return 0;
    }

    /** The host part of a URL for a bind address: a wildcard becomes loopback, IPv6 goes in brackets. */
    static String hostForUrl(final String bind)
    {
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.isEmpty())
        {
            return "127.0.0.1";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }

    /**
     * The gateway as every run composes it. Its heartbeats vouch for the business thread: the Expert Advisor counts
     * only the engine's HEARTBEAT as a sign of life (PROTOCOL.md), so they stop once the business thread has made
     * no progress for {@code gateway.deadAfterMillis} while events wait, and a live socket in front of a stuck
     * engine reads as silence. Its lines (the broker's symbol names, refused specs, failures) go to the log.
     */
    static Gateway gateway(
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

    /** A start that cannot complete: the engine stops (its journal closed cleanly), nothing is left running. */
    private static void abandonStart(
        final EngineTimer timer,
        final LiveEngine live,
        final LifecycleOutbound lifecycle,
        final BufferedWriter outFile,
        final AlertPipeline alerts)
    {
        timer.close();
        live.close();
        lifecycle.close();
        closeQuietly(outFile);
        closeQuietly(alerts);
    }

    private static boolean awaitQuietly(final CountDownLatch latch, final long millis)
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

    private static void closeQuietly(final AutoCloseable closeable)
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

    /**
     * Paper runs never share the live journal: {@code ringfence-data/journal} becomes
     * {@code ringfence-data/paper/journal} (the configured directory's parent, then {@code paper}).
     */
    static Path paperJournal(final Path liveJournal)
    {
        final Path parent = liveJournal.getParent();
        final Path paper = parent == null ? Path.of("paper") : parent.resolve("paper");
        return paper.resolve(liveJournal.getFileName());
    }

    /** Paper mode: its own gateway on a free loopback port with a one-run secret, so it never meets a real EA. */
    private static GatewayConfig paperGateway(final GatewayConfig configured)
    {
        final GatewayConfig paper = new GatewayConfig();
        paper.bind = "127.0.0.1";
        paper.port = 0;
        paper.secret = "paper-" + Long.toHexString(new SecureRandom().nextLong());
        paper.heartbeatMillis = configured.heartbeatMillis;
        paper.deadAfterMillis = configured.deadAfterMillis;
        paper.handshakeTimeoutMillis = configured.handshakeTimeoutMillis;
        paper.maxPendingHandshakes = configured.maxPendingHandshakes;
        paper.refusedHandshakesPerSecond = configured.refusedHandshakesPerSecond;
        return paper;
    }

    private SimulatedTerminal.Settings simulatorFor(final int port, final String secret)
    {
        final SimulatedTerminal.Settings settings = new SimulatedTerminal.Settings();
        settings.port = port;
        settings.secret = secret;
        settings.volatility = volatility;
        settings.seed = seed;
        return settings;
    }

    static long parseDuration(final String option, final String text)
    {
        final String s = text.trim().toLowerCase();
        try
        {
            if (s.endsWith("ms"))
            {
                return Long.parseLong(s.substring(0, s.length() - 2));
            }
            final long value = Long.parseLong(s.substring(0, s.length() - 1));
            switch (s.charAt(s.length() - 1))
            {
                case 's': return Duration.ofSeconds(value).toMillis();
                case 'm': return Duration.ofMinutes(value).toMillis();
                case 'h': return Duration.ofHours(value).toMillis();
                default: break;
            }
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ignored)
        {
            // fall through to the message
        }
        throw new IllegalArgumentException(option + " " + text + ": use a number with ms, s, m or h, e.g. 30s");
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

    private static void closeQuietly(final BufferedWriter writer)
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

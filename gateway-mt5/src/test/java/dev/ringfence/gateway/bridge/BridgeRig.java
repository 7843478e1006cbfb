package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.paper.PaperTerminalConfig;
import dev.ringfence.gateway.sim.SimulatedTerminal;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/** The real engine, the gateway and the simulated terminal over loopback TCP, with a timer. */
final class BridgeRig implements AutoCloseable
{
    static final long WAIT_MILLIS = 30_000;
    static final String SECRET = "s3cret-bridge";

    final EngineConfig config = new EngineConfig();
    final SymbolTable symbols;
    final CommandRing commands = new CommandRing(1 << 20);
    final ConcurrentLinkedQueue<LifecycleEvent> events = new ConcurrentLinkedQueue<>();
    final Engine engine;
    final Gateway gateway;
    final SimulatedTerminal terminal;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    BridgeRig(final String terminalSecret) throws Exception
    {
        this(terminalSecret, gatewayConfig -> {});
    }

    /** {@code tune} adjusts the gateway's settings before it starts. */
    BridgeRig(final String terminalSecret, final Consumer<GatewayConfig> tune) throws Exception
    {
        config.orderTimeoutMillis = 1_000;
        config.staleAfterMillis = 1_500;
        config.equityMaxAgeMillis = 1_000;
        config.validate();
        symbols = new SymbolTable(config.symbols);
        engine = new Engine(config, symbols, commands, event ->
        {
            final LifecycleEvent copy = new LifecycleEvent();
            copy.copyFrom(event);
            events.add(copy);
        }, "blocking", 1 << 14, List.of());
        engine.start();
        engine.inbound().operatorCommands().admin(System.currentTimeMillis(), AdminCommand.START, "test");
        final GatewayConfig gatewayConfig = new GatewayConfig();
        gatewayConfig.port = 0;
        gatewayConfig.secret = SECRET;
        gatewayConfig.heartbeatMillis = 200;
        gatewayConfig.deadAfterMillis = 1_000;
        tune.accept(gatewayConfig);
        gateway = new Gateway(gatewayConfig, symbols, engine.inbound().terminalReports(), commands);
        final int port = gateway.start();
        timer.scheduleAtFixedRate(() -> engine.inbound().timerTicks().timer(System.currentTimeMillis()), 20, 20, TimeUnit.MILLISECONDS);
        final SimulatedTerminal.Settings settings = new SimulatedTerminal.Settings();
        settings.port = port;
        settings.secret = terminalSecret;
        settings.heartbeatMillis = 200;
        settings.reconnectInitialMillis = 50;
        settings.reconnectMaxMillis = 200;
        settings.volatility = 0.00001;
        terminal = new SimulatedTerminal(settings, symbols, new PaperTerminalConfig().validate());
    }

    BridgeRig() throws Exception
    {
        this(SECRET);
    }

    BridgeRig start()
    {
        terminal.start();
        return this;
    }

    void signal(final String id, final double volume)
    {
        final long now = System.currentTimeMillis();
        engine.inbound().signals().signal(now, id, symbols.idOf("EURUSD"), Side.BUY, volume, 0, 0, 0, now);
    }

    /** Waits until {@code n} events of a type have been seen (fails with what was seen otherwise). */
    LifecycleEvent await(final LifecycleEventType type, final int n)
    {
        return await(e -> e.type() == type, n, type.name());
    }

    LifecycleEvent await(final Predicate<LifecycleEvent> wanted, final int n, final String what)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline)
        {
            final List<LifecycleEvent> matching = events.stream().filter(wanted).collect(Collectors.toList());
            if (matching.size() >= n)
            {
                return matching.get(n - 1);
            }
            sleep(10);
        }
        return fail("waited for " + n + " x " + what + "; saw " +
            events.stream().map(e -> e.type().name()).collect(Collectors.joining(", ")));
    }

    long count(final LifecycleEventType type)
    {
        return count(e -> e.type() == type);
    }

    long count(final Predicate<LifecycleEvent> wanted)
    {
        return events.stream().filter(wanted).count();
    }

    void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline)
        {
            if (condition.getAsBoolean())
            {
                return;
            }
            sleep(10);
        }
        fail("waited for " + what);
    }

    static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception
    {
        terminal.close();
        timer.shutdownNow();
        gateway.close();
        engine.close();
    }
}

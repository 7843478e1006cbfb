package dev.ringfence.gateway.mql5;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The compiled Expert Advisor (through {@link Mql5Harness}) against the real engine and gateway on a free
 * loopback port, wired as the production {@code run} command wires them: the gateway heartbeats the
 * terminal only while the business thread makes progress.
 *
 * <p>The EA acts only on its timer, and the harness runs its timer only when told: {@link #drive} runs
 * the EA's timer in short slices until a condition about the engine holds.
 */
final class EaRig implements AutoCloseable
{
    static final String SECRET = "ea-harness-secret";
    static final long WAIT_MILLIS = 20_000;

    final EngineConfig config = new EngineConfig();
    final SymbolTable symbols;
    final CommandRing commands = new CommandRing(1 << 20);
    final ConcurrentLinkedQueue<LifecycleEvent> events = new ConcurrentLinkedQueue<>();
    final Engine engine;
    final Gateway gateway;
    final Mql5Harness ea;

    /** Balance operations the business logic processed, and their sum. */
    final AtomicLong balanceOperations = new AtomicLong();
    final DoubleAdder balanceOperationSum = new DoubleAdder();

    private volatile CountDownLatch stall;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    EaRig(final Map<String, String> inputs) throws Exception
    {
        this(inputs, c -> {});
    }

    EaRig(final Map<String, String> inputs, final Consumer<GatewayConfig> tune) throws Exception
    {
        config.orderTimeoutMillis = 10_000;
        config.staleAfterMillis = 3_000;
        config.equityMaxAgeMillis = 2_000;
        config.validate();
        symbols = new SymbolTable(config.symbols);
        engine = new Engine(config, symbols, commands, event ->
        {
            final LifecycleEvent copy = new LifecycleEvent();
            copy.copyFrom(event);
            events.add(copy);
        }, "blocking", 1 << 14, List.of(), Engine.GatePlacement.OWN_THREADS, this::onProcessed);
        engine.start();
        engine.inbound().operatorCommands().admin(System.currentTimeMillis(), AdminCommand.START, "test");
        final GatewayConfig gatewayConfig = new GatewayConfig();
        gatewayConfig.port = 0;
        gatewayConfig.secret = SECRET;
        gatewayConfig.heartbeatMillis = 200;
        gatewayConfig.deadAfterMillis = 2_000;
        tune.accept(gatewayConfig);
        gateway = new Gateway(gatewayConfig, symbols, engine.inbound().terminalReports(), commands)
            .heartbeatOnlyWhile(now -> engine.isBusinessThreadAlive(now, gatewayConfig.deadAfterMillis));
        final int port = gateway.start();
        timer.scheduleAtFixedRate(() -> engine.inbound().timerTicks().timer(System.currentTimeMillis()), 20, 20, TimeUnit.MILLISECONDS);
        final Map<String, String> all = new HashMap<>();
        all.put("InpPort", Integer.toString(port));
        all.put("InpSecret", SECRET);
        all.putAll(inputs);
        ea = Mql5Harness.start(all);
    }

    /** On the business thread after each event: counts balance operations, and blocks while stalled. */
    private void onProcessed(final InboundEvent event)
    {
        if (event.type() == InboundEventType.BALANCE_OPERATION)
        {
            balanceOperations.incrementAndGet();
            balanceOperationSum.add(event.amount());
        }
        final CountDownLatch latch = stall;
        if (latch != null)
        {
            try
            {
                latch.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The business thread stops at its next event, as a stuck logic would; the gateway's I/O thread runs on. */
    void stallBusinessThread()
    {
        stall = new CountDownLatch(1);
    }

    void releaseBusinessThread()
    {
        final CountDownLatch latch = stall;
        stall = null;
        if (latch != null)
        {
            latch.countDown();
        }
    }

    void signal(final String id, final String symbol, final Side side, final double volume)
    {
        final long now = System.currentTimeMillis();
        engine.inbound().signals().signal(now, id, symbols.idOf(symbol), side, volume, 0, 0, 0, now);
    }

    /** Runs the EA's timer in slices of 100 ms until {@code condition} holds (fails after {@link #WAIT_MILLIS}). */
    void drive(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("waited for " + what + "; engine events: " + eventNames() + "\nEA output:\n" + String.join("\n", ea.lines()));
            }
            ea.command("run 100");
        }
    }

    /** Runs the EA's timer for {@code millis} of its clock. */
    void run(final long millis)
    {
        ea.command("run " + millis);
    }

    void driveUntil(final LifecycleEventType type, final int n)
    {
        drive(() -> count(type) >= n, n + " x " + type);
    }

    long count(final LifecycleEventType type)
    {
        return events.stream().filter(e -> e.type() == type).count();
    }

    LifecycleEvent last(final LifecycleEventType type)
    {
        LifecycleEvent last = null;
        for (final LifecycleEvent e : events)
        {
            if (e.type() == type)
            {
                last = e;
            }
        }
        return last;
    }

    String eventNames()
    {
        return events.stream().map(e -> e.type().name()).collect(Collectors.joining(", "));
    }

    /** The harness's {@code TRADE} lines whose request carried this magic (one per OrderSend the EA made). */
    long ordersSentWithMagic(final long magic)
    {
        return ea.lines().stream().filter(l -> l.startsWith("TRADE ") && l.contains(" magic=" + magic + " ")).count();
    }

    @Override
    public void close()
    {
        releaseBusinessThread();
        ea.close();
        timer.shutdownNow();
        gateway.close();
        engine.close();
    }
}

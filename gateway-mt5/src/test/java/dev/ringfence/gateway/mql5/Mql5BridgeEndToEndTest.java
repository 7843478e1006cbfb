package dev.ringfence.gateway.mql5;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The real Expert Advisor, compiled, against the real gateway and engine over loopback TCP: it completes
 * the handshake and executes a signal exactly once.
 */
class Mql5BridgeEndToEndTest
{
    private static final String SECRET = "s3cret-mql5";

    /** The engine and the gateway on a free loopback port, with the engine's timer (as BridgeRig, without a terminal). */
    private static final class Rig implements AutoCloseable
    {
        final EngineConfig config = new EngineConfig();
        final SymbolTable symbols;
        final CommandRing commands = new CommandRing(1 << 20);
        final ConcurrentLinkedQueue<LifecycleEvent> events = new ConcurrentLinkedQueue<>();
        final Engine engine;
        final Gateway gateway;
        final int port;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        Rig() throws Exception
        {
            config.validate();
            symbols = new SymbolTable(config.symbols);
            engine = new Engine(config, symbols, commands, event ->
            {
                final LifecycleEvent copy = new LifecycleEvent();
                copy.copyFrom(event);
                events.add(copy);
            }, "blocking", 1 << 14, List.of());
            engine.start();
            engine.inbound().admin(System.currentTimeMillis(), AdminCommand.START, "test");
            final GatewayConfig gatewayConfig = new GatewayConfig();
            gatewayConfig.port = 0;
            gatewayConfig.secret = SECRET;
            gateway = new Gateway(gatewayConfig, symbols, engine.inbound(), commands);
            port = gateway.start();
            timer.scheduleAtFixedRate(() -> engine.inbound().timer(System.currentTimeMillis()), 20, 20, TimeUnit.MILLISECONDS);
        }

        long count(final LifecycleEventType type)
        {
            return events.stream().filter(e -> e.type() == type).count();
        }

        String seen()
        {
            return events.stream().map(e -> e.type().name() + (e.detail() == null || e.detail().isEmpty() ? "" : "(" + e.detail() + ")"))
                .collect(Collectors.joining(", "));
        }

        @Override
        public void close() throws IOException
        {
            timer.shutdownNow();
            gateway.close();
            engine.close();
        }
    }

    /** Keeps the EA running (timer cycles, paced) until the condition holds. */
    private static void runUntil(final Mql5Harness h, final BooleanSupplier condition, final long millis, final String what, final Rig rig)
    {
        final long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("waited for " + what + "; engine saw: " + rig.seen() + "\nharness:\n" + String.join("\n", h.lines()));
            }
            h.command("run 100");
        }
    }

    @Test
    void theCompiledEaHandshakesWithTheRealGatewayAndExecutesASignalExactlyOnce() throws Exception
    {
        try (Rig rig = new Rig();
             Mql5Harness h = Mql5Harness.start(Map.of("InpPort", Integer.toString(rig.port), "InpSecret", SECRET)))
        {
            h.command("init");
            h.untilLog("connected to the Ringfence engine", 10_000);
            runUntil(h, () -> rig.count(RECONCILED) >= 1, 15_000, "RECONCILED", rig);

            final long now = System.currentTimeMillis();
            rig.engine.inbound().signal(now, "mql5-e2e-1", rig.symbols.idOf("EURUSD"), Side.BUY, 0.1, 0, 0, 0, now);
            runUntil(h, () -> rig.count(TRADE_EXECUTED) >= 1, 15_000, "TRADE_EXECUTED", rig);
            h.command("run 1500");   // time for a duplicate to show, were there one

            final List<String> trades = h.lines("TRADE");
            assertEquals(1, trades.size(), "one OrderSend: " + trades);
            final Map<String, String> trade = Mql5Harness.fields(trades.get(0));
            assertEquals("10009", trade.get("result.retcode"));
            assertEquals("EURUSD", trade.get("symbol"));
            assertEquals("BUY", trade.get("type"));
            assertEquals("0.1", trade.get("volume"));
            final String magic = trade.get("magic");
            final List<String> positions = h.command("positions").stream()
                .filter(line -> magic.equals(Mql5Harness.fields(line).get("magic"))).collect(Collectors.toList());
            assertEquals(1, positions.size(), "one position with magic " + magic);
            assertEquals(1, rig.count(TRADE_EXECUTED), rig.seen());
            assertEquals("mql5-e2e-1", rig.events.stream().filter(e -> e.type() == TRADE_EXECUTED).findFirst().orElseThrow().signalId());
            assertEquals(0, rig.gateway.protocolErrors());
        }
    }
    @Test
    void anEaKilledRightAfterOrderSendIsRestartedAndTheTradeIsFoundNotRepeated() throws Exception
    {
        try (Rig rig = new Rig();
             Mql5Harness h = Mql5Harness.start(Map.of("InpPort", Integer.toString(rig.port), "InpSecret", SECRET)))
        {
            h.command("init");
            h.untilLog("connected to the Ringfence engine", 10_000);
            runUntil(h, () -> rig.count(RECONCILED) >= 1, 15_000, "RECONCILED", rig);
            h.command("crash-after-ordersend");
            final long now = System.currentTimeMillis();
            rig.engine.inbound().signal(now, "mql5-crash-1", rig.symbols.idOf("EURUSD"), Side.BUY, 0.1, 0, 0, 0, now);
            runUntil(h, () -> h.lines().stream().anyMatch(l -> l.startsWith("HARNESS the program was killed")), 15_000, "the kill", rig);
            h.command("init");
            runUntil(h, () -> rig.count(TRADE_EXECUTED) >= 1, 30_000, "TRADE_EXECUTED after the restart", rig);
            h.command("run 1500");
            assertEquals(1, h.lines("TRADE").size(), "one OrderSend, before the kill: " + h.lines("TRADE"));
            assertEquals(1, h.command("positions").size());
            assertEquals(1, rig.count(TRADE_EXECUTED), rig.seen());
        }
    }
    @Test
    void aConnectionCutRightAfterOrderSendIsResolvedByLookupAndNeverTradesTwice() throws Exception
    {
        try (Rig rig = new Rig();
             Mql5Harness h = Mql5Harness.start(Map.of("InpPort", Integer.toString(rig.port), "InpSecret", SECRET)))
        {
            h.command("init");
            h.untilLog("connected to the Ringfence engine", 10_000);
            runUntil(h, () -> rig.count(RECONCILED) >= 1, 15_000, "RECONCILED", rig);
            h.command("drop-after-ordersend");
            final long now = System.currentTimeMillis();
            rig.engine.inbound().signal(now, "mql5-drop-1", rig.symbols.idOf("EURUSD"), Side.BUY, 0.1, 0, 0, 0, now);
            runUntil(h, () -> rig.count(TRADE_EXECUTED) >= 1, 30_000, "TRADE_EXECUTED after the reconnect", rig);
            h.command("run 1500");
            assertTrue(h.lines().stream().anyMatch(l -> l.startsWith("HARNESS the program's sockets were cut")));
            assertTrue(rig.count(TERMINAL_DISCONNECTED) >= 1, rig.seen());
            assertEquals(1, h.lines("TRADE").size(), "one OrderSend: " + h.lines("TRADE"));
            assertEquals(1, h.command("positions").size());
            assertEquals(1, rig.count(TRADE_EXECUTED), rig.seen());
        }
    }
}

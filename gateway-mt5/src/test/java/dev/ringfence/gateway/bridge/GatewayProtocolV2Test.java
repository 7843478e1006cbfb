package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.wire.Wire;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Protocol version 2 at the gateway, through a hand-driven client on loopback: what it refuses and what it passes on. */
class GatewayProtocolV2Test
{
    private static final String SECRET = "v2-secret";
    private static final SymbolTable SYMBOLS = new SymbolTable(new EngineConfig().validate().symbols);
    private static final int EURUSD = SYMBOLS.idOf("EURUSD");
    private static final int GBPUSD = SYMBOLS.idOf("GBPUSD");

    private final RecordingInbound inbound = new RecordingInbound();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private Gateway gateway()
    {
        final GatewayConfig config = new GatewayConfig();
        config.port = 0;
        config.secret = SECRET;
        config.heartbeatMillis = 100;
        config.deadAfterMillis = 5_000;
        return new Gateway(config, SYMBOLS, inbound.ports().terminalReports(), new CommandRing(1 << 16)).log(log::add);
    }

    private static int symbol(final org.agrona.concurrent.UnsafeBuffer b, final int at, final String name, final double contractSize,
        final double volumeMin, final double volumeStep, final double volumeMax, final int digits, final String broker)
    {
        return Wire.symbol(b, at, name, contractSize, volumeMin, volumeStep, volumeMax, digits, 3, broker);
    }

    @Test
    void aVersionOneHelloIsAnsweredVersionAndClosed() throws Exception
    {
        try (Gateway gateway = gateway())
        {
            final int port = gateway.start();
            try (RawClient v1 = new RawClient(port))
            {
                v1.frame((b, at) ->
                {
                    final int length = Wire.hello(b, at, 5001, 1, 0, 2, "test", "USD", SECRET);
                    b.putShort(at + 6, (short)1, Wire.ORDER); // what an EA of protocol 1 sends
                    return length;
                }).send().awaitClosed(RawClient.WAIT_MILLIS);
                assertEquals(List.of(Wire.ErrorCode.VERSION), v1.errorCodes);
                assertEquals(-1, v1.accepted, "no HELLO_ACK for another version");
            }
            assertEquals(1, gateway.counters().protocolErrors());
            assertFalse(gateway.counters().isTerminalConnected());
            assertEquals(0, gateway.counters().sessions());
        }
    }

    @Test
    void aSymbolSpecThatCannotBeTradedIsRefusedAndTheConnectionKept() throws Exception
    {
        try (Gateway gateway = gateway())
        {
            final int port = gateway.start();
            try (RawClient terminal = new RawClient(port))
            {
                terminal.hello(SECRET).send().awaitAck();
                terminal
                    .frame((b, at) -> symbol(b, at, "EURUSD", 100_000, 0.01, 0, 100, 5, "EURUSD.m"))
                    .frame((b, at) -> symbol(b, at, "EURUSD", Double.NaN, 0.01, 0.01, 100, 5, "EURUSD.m"))
                    .frame((b, at) -> symbol(b, at, "EURUSD", 100_000, 1, 0.01, 0.5, 5, "EURUSD.m"))
                    .frame((b, at) -> symbol(b, at, "EURUSD", 100_000, 0.01, 0.01, Double.POSITIVE_INFINITY, 5, "EURUSD.m"))
                    .frame((b, at) -> symbol(b, at, "EURUSD", -1, 0.01, 0.01, 100, 5, "EURUSD.m"))
                    .frame((b, at) -> symbol(b, at, "EURUSD", 100_000, 0.01, 0.01, 100, 11, "EURUSD.m"))
                    .frame((b, at) -> symbol(b, at, "GBPUSD", 100_000, 0.01, 0.01, 50, 5, "GBPUSD.m"))
                    .frame((b, at) -> symbol(b, at, "GBPUSD", 100_000, 0.01, 0.01, 50, 5, "GBPUSD.m"))
                    .send();
                terminal.awaitTrue(() -> terminal.errorCodes.size() == 6, "six ERROR 18");
                assertTrue(terminal.errorCodes.stream().allMatch(code -> code == Wire.ErrorCode.BAD_SYMBOL), terminal.errorCodes.toString());
                terminal.readFor(300);
                assertFalse(terminal.endOfStream, "the connection is kept: the other symbols still trade");
                assertTrue(gateway.counters().isTerminalConnected());
            }
            assertEquals(6, gateway.counters().badSymbols());
            assertEquals(0, gateway.counters().protocolErrors(), "a refused spec is not a broken connection");
            assertEquals(6, inbound.of(InboundEventType.SYMBOL_REFUSED).stream().filter(e -> e.symbolId() == EURUSD).count());
            final List<InboundEvent> specs = inbound.of(InboundEventType.SYMBOL_SPEC);
            assertEquals(2, specs.size(), "only the valid specs reach the engine");
            assertEquals(GBPUSD, specs.get(0).symbolId());
            assertEquals(50, specs.get(0).volumeMax());
            assertEquals("GBPUSD.m", gateway.counters().brokerSymbol(GBPUSD));
            assertTrue(log.stream().anyMatch(line -> line.startsWith("refused the terminal's spec of EURUSD (broker symbol EURUSD.m)")),
                log.toString());
            assertEquals(1, log.stream().filter(line -> line.startsWith("symbol GBPUSD is GBPUSD.m at the broker")).count(),
                "the broker's name once per session: " + log);
            assertEquals(1, log.stream().filter(line -> line.startsWith("refused")).count(),
                "one line, not one per refusal in the same second");
        }
    }

    @Test
    void theFieldsProtocolTwoAddedReachTheEngine() throws Exception
    {
        try (Gateway gateway = gateway())
        {
            final int port = gateway.start();
            try (RawClient terminal = new RawClient(port))
            {
                terminal.hello(SECRET).send().awaitAck();
                terminal
                    .frame((b, at) -> Wire.account(b, at, 1_000, 5001, 10_000, 9_000, 0, 9_000, true, 7200, 7))
                    .frame((b, at) -> Wire.positionClosed(b, at, 1_001, 100_001, -12.5, 7, 0.3, 0.7))
                    .frame((b, at) -> Wire.positionClosed(b, at, 1_002, 100_002, 4, 99, 1, 0))
                    .frame((b, at) -> Wire.balanceOperation(b, at, 1_003, 250, 880_001, 2))
                    .send();
                terminal.awaitTrue(() -> inbound.of(InboundEventType.BALANCE_OPERATION).size() == 1, "the balance operation");
            }
            final InboundEvent account = inbound.of(InboundEventType.ACCOUNT).get(0);
            assertEquals(7, account.tradePermissions());
            assertEquals(9_000, account.equity());
            assertEquals(7200, account.serverGmtOffsetSeconds());

            final List<InboundEvent> closed = inbound.of(InboundEventType.POSITION_CLOSED);
            assertEquals(CloseReason.LOCAL_FLOOR, closed.get(0).closeReason(), "reason 7: the EA's own equity floor");
            assertEquals(0.3, closed.get(0).volume());
            assertEquals(0.7, closed.get(0).remainingVolume());
            assertEquals(CloseReason.UNKNOWN, closed.get(1).closeReason(), "a reason the protocol does not have");

            final InboundEvent balance = inbound.of(InboundEventType.BALANCE_OPERATION).get(0);
            assertEquals(250, balance.amount());
            assertEquals(880_001, balance.ticket());
        }
    }

    /** Keeps a copy of every event the gateway publishes. */
    static final class RecordingInbound extends InboundEntry
    {
        private final List<InboundEvent> published = new CopyOnWriteArrayList<>();

        List<InboundEvent> of(final InboundEventType type)
        {
            return published.stream().filter(e -> e.type() == type).collect(Collectors.toList());
        }

        @Override
        protected void commit(final long slot)
        {
            final InboundEvent copy = new InboundEvent();
            copy.copyFrom(event());
            published.add(copy);
        }
    }
}

package dev.ringfence.tools.http;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayConfig;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The gateway as the HTTP API shows it, wired as {@code run} wires it: its counters in /metrics, its thread in /health. */
class GatewayHealthMetricsTest
{
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void refusedHandshakesAreExportedAndAStoppedGatewayMakesHealth503() throws Exception
    {
        final EngineConfig config = new EngineConfig();
        config.heartbeatIntervalMillis = 200;
        config.validate();
        final SymbolTable symbols = new SymbolTable(config.symbols);
        final StatusBoard board = new StatusBoard();
        final CommandRing commands = new CommandRing(1 << 16);
        final Engine engine = new Engine(config, symbols, commands, event -> { }, "blocking", 1024, List.of());
        engine.statusBoard(board);
        engine.start();
        engine.inbound().operatorCommands().admin(System.currentTimeMillis(), AdminCommand.START, "test");
        final GatewayConfig gatewayConfig = new GatewayConfig();
        gatewayConfig.port = 0;
        gatewayConfig.secret = "metrics-secret";
        final Gateway gateway = new Gateway(gatewayConfig, symbols, engine.inbound().terminalReports(), commands);
        final HttpConfig http = new HttpConfig();
        http.port = 0;
        final HttpApi api = new HttpApi(http, symbols, engine.inbound().signals(), engine.inbound().operatorCommands(), board,
            now -> engine.isBusinessThreadAlive(now, 5_000), 200,
            RingfenceMetrics.registerGateway(RingfenceMetrics.registry(board, engine::backlog), gateway)).gatewayAliveWhile(gateway::isAlive);
        try
        {
            final int port = gateway.start();
            final String base = "http://127.0.0.1:" + api.start();
            try (SocketChannel guess = SocketChannel.open(new InetSocketAddress("127.0.0.1", port)))
            {
                final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocate(256));
                final int length = Wire.hello(out, 0, 1, 1, 0, 2, "test", "USD", "wrong");
                guess.write(ByteBuffer.wrap(out.byteArray(), 0, length));
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (gateway.counters().refusedHandshakes() == 0)
                {
                    assertTrue(System.nanoTime() < deadline, "the wrong secret was never refused");
                    Thread.onSpinWait();
                }
            }
            try (SocketChannel terminal = SocketChannel.open(new InetSocketAddress("127.0.0.1", port)))
            {
                final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocate(256));
                int length = Wire.hello(out, 0, 1, 1, 0, 2, "test", "USD", "metrics-secret");
                length += Wire.symbol(out, length, "EURUSD", 100_000, 0.01, 0, 100, 5, 3, "EURUSD.x");
                terminal.write(ByteBuffer.wrap(out.byteArray(), 0, length));
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (gateway.counters().badSymbols() == 0)
                {
                    assertTrue(System.nanoTime() < deadline, "the spec with a volume step of 0 was never refused");
                    Thread.onSpinWait();
                }
            }
            final String metrics = get(base + "/metrics").body();
            assertTrue(metrics.contains("ringfence_gateway_bad_symbols_total 1.0"), metrics);
            assertTrue(metrics.contains("ringfence_gateway_refused_handshakes_total{reason=\"SECRET\"} 1.0"), metrics);
            assertTrue(metrics.contains("ringfence_gateway_up 1.0"), metrics);
            assertTrue(metrics.contains("ringfence_gateway_thread_failures_total 0.0"), metrics);
            assertTrue(metrics.contains("ringfence_gateway_reads_paused_ring_full_total 0.0"), metrics);
            assertFalse(get(base + "/health").body().contains("gateway"));

            gateway.close();
            final HttpResponse<String> health = get(base + "/health");
            assertEquals(503, health.statusCode());
            assertTrue(health.body().contains("the gateway thread has stopped"), health.body());
            assertTrue(get(base + "/metrics").body().contains("ringfence_gateway_up 0.0"));
        }
        finally
        {
            api.close();
            gateway.close();
            engine.close();
        }
    }

    private HttpResponse<String> get(final String url) throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

package dev.ringfence.tools.run;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.gateway.paper.PaperTerminalConfig;
import dev.ringfence.gateway.sim.SimulatedTerminal;
import dev.ringfence.tools.RingfenceCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The main job end to end: live ring, business thread, timer, paper venue, graceful stop. */
class RunCommandTest
{
    @TempDir
    Path dir;

    @Test
    void aPaperRunTradesAndStopsGracefullyAtTheEndOfItsDuration() throws IOException
    {
        final Path out = dir.resolve("events.jsonl");
        final int exit = RingfenceCli.commandLine().execute(
            "run", "--paper", "--duration", "3s", "--demo-signals", "--demo-interval", "500ms", "--quiet",
            "--out", out.toString(), "--set", "heartbeat.intervalMillis=1000", "--set", "http.port=0", "--journal", dir.resolve("journal").toString());
        assertEquals(0, exit);
        final List<String> events = Files.readAllLines(out);
        assertTrue(events.get(0).contains("\"type\":\"LOOP_STARTED\""), events.get(0));
        assertTrue(events.get(events.size() - 1).contains("\"type\":\"LOOP_STOPPED\""), events.get(events.size() - 1));
        assertTrue(events.stream().anyMatch(e -> e.contains("\"type\":\"TRADE_EXECUTED\"")), String.join("\n", events));
        assertTrue(events.stream().anyMatch(e -> e.contains("\"type\":\"HEARTBEAT\"")), String.join("\n", events));
        assertTrue(events.stream().noneMatch(e -> e.contains("\"type\":\"ERROR\"")), String.join("\n", events));
        assertEquals(0, RingfenceCli.commandLine().execute("journal", "replay", dir.resolve("journal").toString(), "--verify"),
            "the live run's journal replays to the same decisions");
    }

    @Test
    void productionModeServesAnExpertAdvisorOverTheBridge() throws Exception
    {
        final int port;
        try (ServerSocket probe = new ServerSocket(0))
        {
            port = probe.getLocalPort();
        }
        final Path out = dir.resolve("production.jsonl");
        final int[] exit = {-1};
        final Thread run = new Thread(() -> exit[0] = RingfenceCli.commandLine().execute(
            "run", "--duration", "4s", "--quiet", "--out", out.toString(), "--journal", dir.resolve("prod-journal").toString(),
            "--set", "gateway.port=" + port, "--set", "gateway.secret=prod-secret", "--set", "http.port=0"));
        run.start();
        final SimulatedTerminal.Settings settings = new SimulatedTerminal.Settings();
        settings.port = port;
        settings.secret = "prod-secret";
        settings.reconnectInitialMillis = 50;
        final EngineConfig defaults = new EngineConfig();
        try (SimulatedTerminal ea = new SimulatedTerminal(settings, new SymbolTable(defaults.symbols), new PaperTerminalConfig()).start())
        {
            run.join(30_000);
        }
        assertEquals(0, exit[0]);
        final String events = Files.readString(out);
        assertTrue(events.contains("\"type\":\"TERMINAL_CONNECTED\""), events);
        assertTrue(events.contains("\"type\":\"RECONCILED\""), events);
    }

    @Test
    void aTripInAPaperRunReachesThePhone() throws Exception
    {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final HttpServer telegram = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        telegram.createContext("/botpaper-token/sendMessage", exchange ->
        {
            messages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            final byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        telegram.start();
        try
        {
            assertEquals(0, RingfenceCli.commandLine().execute(
                "run", "--paper", "--duration", "4s", "--demo-signals", "--demo-interval", "500ms", "--quiet", "--no-journal",
                "--set", "http.port=0", "--set", "risk.equityFloor=9999.5", "--set", "alerts.minIntervalMillis=0",
                "--set", "alerts.telegram.baseUrl=\"http://127.0.0.1:" + telegram.getAddress().getPort() + "\"",
                "--set", "alerts.telegram.token=paper-token", "--set", "alerts.telegram.chatId=7"));
        }
        finally
        {
            telegram.stop(0);
        }
        assertTrue(messages.stream().anyMatch(m -> m.contains("GUARD TRIPPED (EQUITY_FLOOR)")), messages.toString());
        assertTrue(messages.stream().allMatch(m -> m.contains("\"chat_id\":\"7\"")), messages.toString());
    }

    @Test
    void aWrongGatewaySettingStopsTheStartWithTheKey()
    {
        assertEquals(2, RingfenceCli.commandLine().execute("run", "--set", "gateway.bind=0.0.0.0"));
    }

    @Test
    void aLiveRunRefusesThePlaceholderGatewaySecret()
    {
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        final int exit;
        try
        {
            exit = RingfenceCli.commandLine().execute("run", "--no-journal", "--set", "http.port=0");
        }
        finally
        {
            System.setErr(original);
        }
        assertEquals(2, exit);
        final String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(message.contains("gateway.secret is still the default 'change-me'"), message);
        assertTrue(message.contains("RINGFENCE_GATEWAY_SECRET"), "the message says what to do: " + message);
    }

    @Test
    void durationsAreParsedOrRefusedClearly()
    {
        assertEquals(30_000, DurationArgument.parse("--duration", "30s"));
        assertEquals(500, DurationArgument.parse("--duration", "500ms"));
        assertEquals(120_000, DurationArgument.parse("--duration", "2m"));
        assertEquals(3_600_000, DurationArgument.parse("--duration", "1h"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> DurationArgument.parse("--duration", "soon"));
        assertEquals("--duration soon: use a number with ms, s, m or h, e.g. 30s", ex.getMessage());
    }
}

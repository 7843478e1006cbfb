package dev.ringfence.tools.http;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.OrderCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The HTTP API against a live engine: signed ingress, operator API, status, health, metrics. */
class HttpApiTest
{
    private static final String SECRET = "ingress-secret";
    private static final String TOKEN = "operator-token";

    private final HttpClient client = HttpClient.newHttpClient();
    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    private final StatusBoard board = new StatusBoard();
    private Engine engine;
    private HttpApi api;
    private String base;

    @BeforeEach
    void start() throws IOException
    {
        final EngineConfig config = new EngineConfig();
        config.heartbeatIntervalMillis = 200;
        config.validate();
        final SymbolTable symbols = new SymbolTable(config.symbols);
        engine = new Engine(config, symbols, OrderCommands.DISCARD,
            event -> events.add(event.type() + (event.signalId() != null ? ":" + event.signalId() : "")), "blocking", 1024, List.of());
        engine.logic().statusBoard(board);
        engine.start();
        final HttpConfig http = new HttpConfig();
        http.port = 0;
        http.hmacSecret = SECRET;
        http.adminToken = TOKEN;
        http.requestsPerSecond = 5;
        api = new HttpApi(http, symbols, engine.inbound(), board, now -> engine.isBusinessThreadAlive(now, 5_000), 200,
            RingfenceMetrics.registry(board, engine::backlog));
        base = "http://127.0.0.1:" + api.start();
        final long now = System.currentTimeMillis();
        engine.inbound().admin(now, AdminCommand.START, "test");
        engine.inbound().timer(now);
    }

    @AfterEach
    void stop()
    {
        api.close();
        engine.close();
    }

    private void connectTerminal()
    {
        final long now = System.currentTimeMillis();
        engine.inbound().terminalStatus(now, true);
        engine.inbound().account(now, 1, 10_000, 10_000, 0, 10_000, true, now, 0);
        engine.inbound().positionsBegin(now, 0);
    }

    private HttpResponse<String> postSignal(final String body, final String secret, final long timestamp) throws Exception
    {
        final String ts = Long.toString(timestamp);
        return client.send(HttpRequest.newBuilder(URI.create(base + "/signals"))
            .header("X-Ringfence-Timestamp", ts)
            .header("X-Ringfence-Signature", HttpApi.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postSignal(final String body) throws Exception
    {
        return postSignal(body, SECRET, System.currentTimeMillis() / 1000);
    }

    private HttpResponse<String> admin(final String command, final String token) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/admin/" + command)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final String path) throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitEvent(final String wanted) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!events.contains(wanted))
        {
            assertTrue(System.nanoTime() < deadline, "no " + wanted + " in " + events);
            Thread.sleep(5);
        }
    }

    @Test
    void aSignedSignalIsAcceptedOntoTheRing() throws Exception
    {
        connectTerminal();
        final HttpResponse<String> response = postSignal("{\"id\":\"http-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}");
        assertEquals(202, response.statusCode(), response.body());
        assertEquals("{\"signalId\":\"http-1\",\"status\":\"accepted\"}", response.body());
        awaitEvent("SIGNAL_APPROVED:http-1");
    }

    @Test
    void signaturesTimestampsAndBodiesAreChecked() throws Exception
    {
        final String body = "{\"id\":\"x\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}";
        assertEquals(401, postSignal(body, "wrong", System.currentTimeMillis() / 1000).statusCode());
        assertEquals(401, postSignal(body, SECRET, System.currentTimeMillis() / 1000 - 301).statusCode());
        assertEquals(401, client.send(HttpRequest.newBuilder(URI.create(base + "/signals"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        final HttpResponse<String> noSide = postSignal("{\"id\":\"x\",\"symbol\":\"EURUSD\",\"volume\":0.1}");
        assertEquals(400, noSide.statusCode());
        assertTrue(noSide.body().contains("\"field\":\"side\""), noSide.body());
        assertTrue(postSignal("{\"id\":\"x\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":-1}").body().contains("\"field\":\"volume\""));
        assertTrue(postSignal("{\"id\":\"x\",\"colour\":\"red\"}").body().contains("\"field\":\"colour\""));
        assertEquals(400, postSignal("not json").statusCode());
        assertEquals(413, postSignal("{\"id\":\"" + "x".repeat(5000) + "\"}").statusCode());
        assertFalse(events.stream().anyMatch(e -> e.startsWith("SIGNAL_RECEIVED")), "nothing malformed reached the ring");
    }

    @Test
    void aRepeatedIdIsAConflictAndABurstIsRateLimited() throws Exception
    {
        final String body = "{\"id\":\"dup-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}";
        assertEquals(202, postSignal(body).statusCode());
        assertEquals(409, postSignal(body).statusCode());
        int limited = 0;
        for (int i = 0; i < 20; i++)
        {
            if (postSignal("{\"id\":\"burst-" + i + "\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}").statusCode() == 429)
            {
                limited++;
            }
        }
        assertTrue(limited >= 10, "5 per second allowed; " + limited + " of 20 refused");
    }

    @Test
    void operatorCommandsNeedTheTokenAndAnswerWithTheStateOrTheRefusal() throws Exception
    {
        connectTerminal();
        assertEquals(401, admin("halt", null).statusCode());
        assertEquals(401, admin("halt", "guess").statusCode());
        assertEquals(404, admin("explode", TOKEN).statusCode());

        final HttpResponse<String> rearm = admin("rearm", TOKEN);
        assertEquals(409, rearm.statusCode(), rearm.body());
        assertTrue(rearm.body().contains("\"refused\":\"NOT_LOCKED\""), rearm.body());

        final HttpResponse<String> flatten = admin("flatten", TOKEN);
        assertEquals(200, flatten.statusCode(), flatten.body());
        assertTrue(flatten.body().contains("\"guardState\":\"FLATTENING\"") || flatten.body().contains("\"guardState\":\"LOCKED\""),
            flatten.body());
        awaitEvent("GUARD_TRIPPED");
    }

    @Test
    void statusHealthAndMetricsReportTheEngine() throws Exception
    {
        final HttpResponse<String> unhealthy = get("/health");
        assertEquals(503, unhealthy.statusCode());
        assertTrue(unhealthy.body().contains("the terminal is not connected"), unhealthy.body());

        connectTerminal();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<String> health = get("/health");
        while (health.statusCode() != 200 && System.nanoTime() < deadline)
        {
            engine.inbound().timer(System.currentTimeMillis());
            Thread.sleep(50);
            health = get("/health");
        }
        assertEquals(200, health.statusCode(), health.body());

        final HttpResponse<String> status = get("/status");
        assertTrue(status.body().contains("\"guardState\":\"ACTIVE\""), status.body());
        assertTrue(status.body().contains("\"equity\":10000.0000"), status.body());
        assertTrue(status.body().contains("\"terminalConnected\":true"), status.body());

        final HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        final String text = metrics.body();
        assertTrue(text.contains("ringfence_equity 10000.0"), text);
        assertTrue(text.contains("ringfence_guard_state{state=\"ACTIVE\"} 1.0"), text);
        assertTrue(text.contains("ringfence_guard_trips_total{rule=\"MAX_DRAWDOWN\"} 0.0"), text);
        assertTrue(text.contains("ringfence_event_processing_seconds_bucket{le=\"+Inf\"}"), text);
        assertTrue(text.contains("ringfence_terminal_connected 1.0"), text);

        final Path promtool = Paths.get("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool (Debian package prometheus) is installed by .ci/run");
        final Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        final String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), "promtool check metrics:\n" + verdict);
        assertEquals("", verdict.trim(), "promtool has no complaints");
    }

}

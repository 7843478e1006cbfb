package dev.ringfence.tools.http;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.TradePermissions;
import dev.ringfence.engine.event.OrderCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private SymbolTable symbols;
    private HttpApi api;
    private String base;

    @BeforeEach
    void start() throws IOException
    {
        final EngineConfig config = new EngineConfig();
        config.heartbeatIntervalMillis = 200;
        config.validate();
        symbols = new SymbolTable(config.symbols);
        engine = new Engine(config, symbols, OrderCommands.DISCARD,
            event -> events.add(event.type() + (event.signalId() != null ? ":" + event.signalId() : "") +
                (event.type() == LifecycleEventType.SIGNAL_REJECTED ? ":" + event.reason() : "")), "blocking", 1024, List.of());
        engine.statusBoard(board);
        engine.start();
        final HttpConfig http = new HttpConfig();
        http.port = 0;
        http.hmacSecret = SECRET;
        http.adminToken = TOKEN;
        http.requestsPerSecond = 5;
        http.readTimeoutMillis = 1_000;
        http.adminAnswerTimeoutMillis = 900;
        api = new HttpApi(http, symbols, engine.inbound().signals(), engine.inbound().operatorCommands(), board,
            now -> engine.isBusinessThreadAlive(now, 5_000), 200,
            RingfenceMetrics.registry(board, engine::backlog));
        base = "http://127.0.0.1:" + api.start();
        final long now = System.currentTimeMillis();
        engine.inbound().operatorCommands().admin(now, AdminCommand.START, "test");
        engine.inbound().timerTicks().timer(now);
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
        engine.inbound().terminalReports().terminalStatus(now, true);
        for (int i = 0; i < symbols.size(); i++)
        {
            engine.inbound().terminalReports().symbolSpec(now, i, symbols.spec(i));
        }
        engine.inbound().terminalReports().account(now, 1, 10_000, 10_000, 0, 10_000, true, now, 0, TradePermissions.ALL);
        engine.inbound().terminalReports().positionsBegin(now, 0);
    }

    private HttpResponse<String> postSignal(final String body, final String secret, final long timestamp) throws Exception
    {
        return postSignal(body, secret, Long.toString(timestamp));
    }

    private HttpResponse<String> postSignal(final String body, final String secret, final String ts) throws Exception
    {
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
            engine.inbound().timerTicks().timer(System.currentTimeMillis());
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


    // ------------------------------------------------------------------ bad day: slow clients, concurrency, visibility

    /** A raw connection that sends a request line and then one header byte every 50 ms, for as long as it may. */
    private Socket trickle(final String requestLine) throws IOException
    {
        final Socket socket = new Socket("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        final OutputStream out = socket.getOutputStream();
        out.write((requestLine + "\r\nHost: x\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        final Thread writer = new Thread(() ->
        {
            try
            {
                while (!socket.isClosed())
                {
                    out.write('a');
                    out.flush();
                    Thread.sleep(50);
                }
            }
            catch (final IOException | InterruptedException ex)
            {
                // closed by the server or by the test
            }
        }, "trickler");
        writer.setDaemon(true);
        writer.start();
        return socket;
    }

    private HttpResponse<String> within(final Duration timeout, final HttpRequest.Builder request) throws Exception
    {
        return client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tricklingClientsNeitherStarveHealthAndTheOperatorNorKeepTheirConnection() throws Exception
    {
        connectTerminal();
        final List<Socket> tricklers = new ArrayList<>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                tricklers.add(trickle(i == 0 ? "GET /health HTTP/1.1" : "POST /admin/flatten HTTP/1.1"));
            }
            final HttpResponse<String> health = within(Duration.ofSeconds(2), HttpRequest.newBuilder(URI.create(base + "/health")).GET());
            assertTrue(health.statusCode() == 200 || health.statusCode() == 503, health.body());
            final HttpResponse<String> halt = within(Duration.ofSeconds(2), HttpRequest.newBuilder(URI.create(base + "/admin/halt"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, halt.statusCode(), halt.body());

            // Headers still arriving after the read timeout (1 s here): the server closes the connection.
            for (final Socket trickler : tricklers)
            {
                trickler.setSoTimeout(10_000);
                final InputStream in = trickler.getInputStream();
                try
                {
                    while (in.read() >= 0)
                    {
                        // an error page, if any, then the end of the stream
                    }
                }
                catch (final SocketTimeoutException ex)
                {
                    fail("a client trickling headers kept its connection beyond the read timeout");
                }
                catch (final IOException ex)
                {
                    // reset by the server: closed, as wanted
                }
            }
        }
        finally
        {
            for (final Socket trickler : tricklers)
            {
                trickler.close();
            }
        }
        assertFalse(events.contains("GUARD_TRIPPED"), "no trickled flatten was executed: " + events);
    }

    @Test
    void aSlowSignalBodyIsCutOffAndDoesNotStarveTheRest() throws Exception
    {
        final String body = "{\"id\":\"slow-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}";
        final String ts = Long.toString(System.currentTimeMillis() / 1000);
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1))))
        {
            socket.getOutputStream().write(("POST /signals HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() +
                "\r\nX-Ringfence-Timestamp: " + ts + "\r\nX-Ringfence-Signature: " +
                HttpApi.sign(SECRET, ts, body.getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n" + body.substring(0, 5))
                .getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, within(Duration.ofSeconds(2), HttpRequest.newBuilder(URI.create(base + "/metrics")).GET()).statusCode());
            socket.setSoTimeout(10_000);
            final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        }
        assertFalse(events.stream().anyMatch(e -> e.startsWith("SIGNAL_RECEIVED")), "the cut-off signal never reached the ring");
    }

    @Test
    void anOperatorCommandIsExecutedOnlyForAClientStillThereForTheAnswer() throws Exception
    {
        connectTerminal();
        final List<Socket> tricklers = new ArrayList<>();
        String answer = "";
        try
        {
            tricklers.add(trickle("GET /status HTTP/1.1"));
            tricklers.add(trickle("GET /status HTTP/1.1"));
            try (Socket operator = new Socket("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1))))
            {
                operator.getOutputStream().write(("POST /admin/flatten HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN +
                    "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                operator.setSoTimeout(1_500);
                try
                {
                    answer = new String(operator.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                }
                catch (final SocketTimeoutException ex)
                {
                    // the operator gives up and goes away
                }
            }
        }
        finally
        {
            for (final Socket trickler : tricklers)
            {
                trickler.close();
            }
        }
        // A fence: once this command is answered, everything published before it has been processed.
        final HttpResponse<String> fence = admin("halt", TOKEN);
        assertEquals(200, fence.statusCode(), fence.body());
        final boolean executed = events.contains("GUARD_TRIPPED");
        assertEquals(answer.startsWith("HTTP/1.1 200"), executed,
            "executed only if the operator was answered; answer [" + answer + "], events " + events);
        assertTrue(executed, "the server answered the operator despite the trickling clients");
    }

    @Test
    void concurrentOperatorCommandsEachGetTheirOwnAnswer() throws Exception
    {
        connectTerminal();
        final ExecutorService pool = Executors.newFixedThreadPool(16);
        try
        {
            final CountDownLatch go = new CountDownLatch(1);
            final List<Future<String>> halts = new ArrayList<>();
            final List<Future<String>> rearms = new ArrayList<>();
            for (int i = 0; i < 30; i++)
            {
                halts.add(pool.submit(answer(go, "halt")));
                rearms.add(pool.submit(answer(go, "rearm")));
            }
            go.countDown();
            final List<String> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++)
            {
                answers.add(halts.get(i).get(30, TimeUnit.SECONDS));
                answers.add(rearms.get(i).get(30, TimeUnit.SECONDS));
            }
            // First that no answer crossed (a halt is applied, a re-arm while not locked is refused), then the fields.
            for (int i = 0; i < answers.size(); i += 2)
            {
                assertTrue(answers.get(i).startsWith("200 ") && answers.get(i).contains("\"command\":\"halt\""),
                    "a halt is applied: " + answers.get(i));
                assertTrue(answers.get(i + 1).startsWith("409 ") && answers.get(i + 1).contains("\"command\":\"rearm\"") &&
                    answers.get(i + 1).contains("\"refused\":\"NOT_LOCKED\""), "a re-arm while not locked is refused: " + answers.get(i + 1));
            }
            for (int i = 0; i < answers.size(); i += 2)
            {
                assertTrue(answers.get(i).contains("\"halted\":true"), answers.get(i));
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private Callable<String> answer(final CountDownLatch go, final String command)
    {
        return () ->
        {
            go.await();
            final HttpResponse<String> response = admin(command, TOKEN);
            return response.statusCode() + " " + response.body();
        };
    }

    @Test
    void aHaltIsVisibleInStatusHealthMetricsAndTheLifecycle() throws Exception
    {
        connectTerminal();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (get("/health").statusCode() != 200)
        {
            assertTrue(System.nanoTime() < deadline, get("/health").body());
            engine.inbound().timerTicks().timer(System.currentTimeMillis());
            Thread.sleep(20);
        }
        final HttpResponse<String> halt = admin("halt", TOKEN);
        assertEquals(200, halt.statusCode(), halt.body());
        awaitEvent("TRADING_HALTED");

        final String status = get("/status").body();
        assertTrue(status.contains("\"halted\":true") && status.contains("\"entries\":\"HALTED\""), status);
        final HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode(), "a halt is the operator's decision, not a failure: " + health.body());
        assertTrue(health.body().contains("\"halted\":true") && health.body().contains("halted by operator"), health.body());
        assertTrue(get("/metrics").body().contains("ringfence_halted 1.0"));

        assertEquals(200, admin("resume", TOKEN).statusCode());
        awaitEvent("TRADING_RESUMED");
        assertTrue(get("/status").body().contains("\"halted\":false"));
        assertTrue(get("/metrics").body().contains("ringfence_halted 0.0"));
    }

    @Test
    void aMissingTradePermissionIsVisibleInStatusHealthAndMetrics() throws Exception
    {
        connectTerminal();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (get("/health").statusCode() != 200)
        {
            assertTrue(System.nanoTime() < deadline, get("/health").body());
            engine.inbound().timerTicks().timer(System.currentTimeMillis());
            Thread.sleep(20);
        }
        assertTrue(get("/metrics").body().contains("ringfence_terminal_trade_permitted 1.0"));
        final long now = System.currentTimeMillis();
        engine.inbound().terminalReports().account(now, 1, 10_000, 10_000, 0, 10_000, true, now, 0,
            TradePermissions.ALL & ~TradePermissions.EXPERT);
        awaitEvent("TERMINAL_TRADING_NOT_PERMITTED");
        engine.inbound().timerTicks().timer(System.currentTimeMillis());
        String status = get("/status").body();
        while (!status.contains("TRADING_NOT_PERMITTED"))
        {
            assertTrue(System.nanoTime() < deadline, status);
            engine.inbound().timerTicks().timer(System.currentTimeMillis());
            Thread.sleep(20);
            status = get("/status").body();
        }
        assertTrue(status.contains("\"entries\":\"TRADING_NOT_PERMITTED\""), status);
        assertTrue(status.contains("\"tradePermissions\":{\"terminal\":true,\"program\":true,\"account\":true,\"expert\":false}"), status);
        assertTrue(status.contains("\"symbolsWithoutSpec\":[]") && status.contains("\"symbolsRefused\":[]"), status);
        final HttpResponse<String> health = get("/health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("the terminal does not permit trading (missing EXPERT)"), health.body());
        assertTrue(get("/metrics").body().contains("ringfence_terminal_trade_permitted 0.0"));
    }

    @Test
    void aSignalsAgeCountsFromItsSignedTime() throws Exception
    {
        connectTerminal();
        final long nowSeconds = System.currentTimeMillis() / 1000;
        // Well inside the 300 s window (the seconds are truncated, and a loaded machine takes its time), far past the signal's age.
        assertEquals(202, postSignal("{\"id\":\"old-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}",
            SECRET, nowSeconds - 290).statusCode());
        awaitEvent("SIGNAL_REJECTED:old-1:EXPIRED");
        assertEquals(202, postSignal("{\"id\":\"ttl-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1,\"ttlMillis\":1000}",
            SECRET, nowSeconds - 3).statusCode());
        awaitEvent("SIGNAL_REJECTED:ttl-1:EXPIRED");
        assertEquals(202, postSignal("{\"id\":\"fresh-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}").statusCode());
        awaitEvent("SIGNAL_APPROVED:fresh-1");

        // Milliseconds in the signed time keep a short ttl exact.
        final long nowMillis = System.currentTimeMillis();
        final String millis = String.format(java.util.Locale.ROOT, "%d.%03d", nowMillis / 1000, nowMillis % 1000);
        final HttpResponse<String> exact = postSignal(
            "{\"id\":\"short-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1,\"ttlMillis\":1500}", SECRET, millis);
        assertEquals(202, exact.statusCode(), exact.body());
        awaitEvent("SIGNAL_APPROVED:short-1");
        assertEquals(401, postSignal("{\"id\":\"bad-ts\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}",
            SECRET, millis + "7").statusCode(), "at most three decimals");
    }

    @Test
    void onlyOneStrictJsonObjectIsASignal() throws Exception
    {
        final HttpResponse<String> twice = postSignal("{\"id\":\"j-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1,\"volume\":50}");
        assertEquals(400, twice.statusCode(), twice.body());
        assertTrue(twice.body().contains("Duplicate field 'volume'"), twice.body());
        final HttpResponse<String> garbage = postSignal("{\"id\":\"j-2\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1} trailing");
        assertEquals(400, garbage.statusCode(), garbage.body());
        final HttpResponse<String> two = postSignal(
            "{\"id\":\"j-3\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}{\"id\":\"j-4\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":9}");
        assertEquals(400, two.statusCode(), two.body());
        assertTrue(two.body().contains("strict JSON"), two.body());
        assertFalse(events.stream().anyMatch(e -> e.startsWith("SIGNAL_RECEIVED")), "nothing ambiguous reached the ring");
    }

    @Test
    void concurrentRequestsWithOneIdGetOne202AndOnly409s() throws Exception
    {
        final String body = "{\"id\":\"race-1\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}";
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final CountDownLatch go = new CountDownLatch(1);
            final List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                statuses.add(pool.submit(() ->
                {
                    go.await();
                    return postSignal(body).statusCode();
                }));
            }
            go.countDown();
            int accepted = 0;
            for (final Future<Integer> status : statuses)
            {
                final int code = status.get(30, TimeUnit.SECONDS);
                assertTrue(code == 202 || code == 409, "status " + code);
                accepted += code == 202 ? 1 : 0;
            }
            assertEquals(1, accepted, "exactly one request with the id is accepted");
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void responsesAreCountedByEndpointAndStatus() throws Exception
    {
        for (int i = 0; i < 12; i++)
        {
            postSignal("{\"id\":\"count-" + i + "\",\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.1}");
        }
        admin("halt", "guess");
        final String text = get("/metrics").body();
        assertTrue(text.contains("ringfence_http_responses_total{endpoint=\"signals\",status=\"202\"}"), text);
        assertTrue(text.contains("ringfence_http_responses_total{endpoint=\"signals\",status=\"429\"}"), text);
        assertTrue(text.contains("ringfence_http_responses_total{endpoint=\"admin\",status=\"401\"} 1.0"), text);
        assertTrue(text.contains("ringfence_http_responses_total{endpoint=\"metrics\",status=\"200\"} 1.0"), text);
    }
}

package dev.ringfence.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringfence.engine.Engine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEventWriter;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** What the operator console reads: its own files, the open positions, the recent events, latency in /status. */
class ConsoleEndpointsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final StatusBoard board = new StatusBoard();
    private SymbolTable symbols;
    private RecentEvents recent;
    private Engine engine;
    private HttpApi api;
    private String base;

    @BeforeEach
    void start() throws IOException
    {
        final EngineConfig config = new EngineConfig();
        config.heartbeatIntervalMillis = 200;
        config.validate();
        symbols = new SymbolTable(config.symbols);
        recent = new RecentEvents(symbols, config.currencyDigits, 8);
        engine = new Engine(config, symbols, OrderCommands.DISCARD, recent::accept, "blocking", 1024, List.of());
        engine.statusBoard(board);
        engine.start();
        final HttpConfig http = new HttpConfig();
        http.port = 0;
        http.adminToken = "token";
        api = new HttpApi(http, symbols, engine.inbound().signals(), engine.inbound().operatorCommands(), board,
            now -> engine.isBusinessThreadAlive(now, 5_000), 200,
            RingfenceMetrics.registry(board, engine::backlog)).recentEvents(recent);
        base = "http://127.0.0.1:" + api.start();
        final long now = System.currentTimeMillis();
        engine.inbound().operatorCommands().admin(now, AdminCommand.START, "test");
        engine.inbound().terminalReports().terminalStatus(now, true);
        engine.inbound().terminalReports().account(now, 1, 10_000, 10_000, 0, 10_000, true, now, 0, TradePermissions.ALL);
    }

    @AfterEach
    void stop()
    {
        api.close();
        engine.close();
    }

    private HttpResponse<String> get(final String path) throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends timer events until {@code path} answers what {@code done} wants. */
    private JsonNode await(final String path, final Predicate<JsonNode> done) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            engine.inbound().timerTicks().timer(System.currentTimeMillis());
            final JsonNode answer = JSON.readTree(get(path).body());
            if (done.test(answer))
            {
                return answer;
            }
            assertTrue(System.nanoTime() < deadline, path + " still answers " + answer);
            Thread.sleep(10);
        }
    }

    @Test
    void theConsoleAndEveryFileItLoadsComeFromTheEngineUnderAStrictPolicy() throws Exception
    {
        final HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        final String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.startsWith("default-src 'none'; script-src 'self'; style-src 'self'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));

        final Matcher references = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        int files = 0;
        while (references.find())
        {
            final String reference = references.group(1);
            assertFalse(reference.contains("//"), "only the engine's own files: " + reference);
            final HttpResponse<String> file = get("/" + reference);
            assertEquals(200, file.statusCode(), reference);
            assertFalse(file.body().isEmpty(), reference);
            final String type = file.headers().firstValue("Content-Type").orElse("");
            assertTrue(reference.endsWith(".js") ? type.startsWith("text/javascript") : reference.endsWith(".css")
                ? type.startsWith("text/css") : type.startsWith("image/svg+xml"), reference + ": " + type);
            files++;
        }
        assertEquals(5, files, "icon, two style sheets, two scripts");
        assertTrue(get("/console/uPlot.iife.min.js").body().contains("uPlot"), "the WebJar's uPlot");

        assertEquals(404, get("/console/missing.js").statusCode());
        assertEquals(404, get("/console/").statusCode());
        final HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/"))
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void positionsAreTheEnginesOwnBookWithSymbolNames() throws Exception
    {
        final long now = System.currentTimeMillis();
        engine.inbound().terminalReports().positionsBegin(now, 2);
        engine.inbound().terminalReports().position(now, 100001, symbols.idOf("EURUSD"), Side.BUY, 0.25, 1.08514, -12.5, 0);
        engine.inbound().terminalReports().position(now, 100002, symbols.idOf("XAUUSD"), Side.SELL, 0.1, 2351.3, 4, 0);

        final JsonNode answer = await("/positions", json -> json.get("positions").size() == 2);
        final JsonNode first = answer.get("positions").get(0);
        assertEquals(100001, first.get("ticket").asLong());
        assertEquals("EURUSD", first.get("symbol").asText());
        assertEquals("BUY", first.get("side").asText());
        assertEquals("0.25", first.get("volume").asText());
        assertEquals("1.08514", first.get("openPrice").asText(), "prices as the terminal gave them");
        assertEquals(-12.5, first.get("profit").asDouble());
        assertEquals("XAUUSD", answer.get("positions").get(1).get("symbol").asText());
        assertTrue(answer.get("time").asLong() >= now);

        engine.inbound().terminalReports().positionsBegin(now + 1, 0);
        await("/positions", json -> json.get("positions").size() == 0);
    }

    @Test
    void eventsAreNumberedAndReadAfterTheLastOneSeen() throws Exception
    {
        final JsonNode first = await("/events", json -> json.get("events").size() >= 2);
        final JsonNode events = first.get("events");
        assertEquals("LOOP_STARTED", events.get(0).get("type").asText());
        assertEquals(1, events.get(0).get("seq").asLong());
        assertTrue(events.get(0).get("t").asLong() > 1_700_000_000_000L, "t is epoch milliseconds");
        for (final JsonNode event : events)
        {
            assertNotEquals("HEARTBEAT", event.get("type").asText(), "heartbeats are left out");
        }
        final long last = first.get("last").asLong();
        assertEquals(last, events.get(events.size() - 1).get("seq").asLong());
        assertEquals(0, JSON.readTree(get("/events?after=" + last).body()).get("events").size());

        engine.inbound().operatorCommands().admin(System.currentTimeMillis(), AdminCommand.HALT, "test");
        final JsonNode next = await("/events?after=" + last, json -> json.get("events").size() > 0);
        assertEquals("TRADING_HALTED", next.get("events").get(0).get("type").asText());
        assertEquals(last + 1, next.get("events").get(0).get("seq").asLong());

        assertEquals(1, JSON.readTree(get("/events?max=1").body()).get("events").size(), "max keeps the newest");
        assertEquals(JSON.readTree(get("/events").body()), JSON.readTree(get("/events?after=999999").body()),
            "a number from before a restart reads from the start");
        assertEquals(400, get("/events?after=soon").statusCode());
    }

    @Test
    void aBoundedBufferKeepsTheNewestEventsAndClientOrderIdsAsStrings()
    {
        final RecentEvents buffer = new RecentEvents(symbols, 2, 3);
        final LifecycleEventWriter events = LifecycleEventWriter.to(buffer::accept);
        for (int i = 1; i <= 5; i++)
        {
            events.signalApproved(1_000L * i, "s-" + i, Long.MAX_VALUE - i, symbols.idOf("EURUSD"), Side.BUY, 1);
        }
        final String kept = buffer.since(0, 200);
        assertTrue(kept.startsWith("{\"last\":5,\"events\":[{\"seq\":3,\"t\":3000,\"type\":\"SIGNAL_APPROVED\",\"signalId\":\"s-3\"," +
            "\"clientOrderId\":\"" + (Long.MAX_VALUE - 3) + "\""), kept);
        assertTrue(kept.contains("\"seq\":5"), kept);
        assertFalse(kept.contains("\"seq\":2"), kept);
    }

    @Test
    void historyKeepsTheBoardOnceASecondForTheLastHour() throws Exception
    {
        final JsonNode live = await("/history", json -> json.get("time").size() > 0 &&
            json.get("equity").get(json.get("equity").size() - 1).asDouble() == 10_000);
        final int n = live.get("time").size();
        for (final String column : List.of("equity", "peak", "drawdownPercent", "drawdownRemainingPercent", "equityFloorDistance",
            "dailyLossRemaining"))
        {
            assertEquals(n, live.get(column).size(), column);
        }
        assertEquals(9_500, live.get("equityFloorDistance").get(n - 1).asDouble());
        assertTrue(live.get("dailyLossRemaining").get(n - 1).isNull(), "the daily loss rule is off");

        final StatusHistory history = new StatusHistory();
        final StatusBoard figures = new StatusBoard();
        figures.equity = 100;
        figures.floorDistance = Double.NaN;
        for (int i = 1; i <= StatusHistory.CAPACITY + 10; i++)
        {
            figures.timeMillis = i;
            history.sample(figures);
            history.sample(figures); // not refreshed since: not kept twice
        }
        final JsonNode kept = JSON.readTree(history.toJson());
        assertEquals(StatusHistory.CAPACITY, kept.get("time").size());
        assertEquals(11, kept.get("time").get(0).asLong(), "the oldest go first");
        assertEquals(StatusHistory.CAPACITY + 10, kept.get("time").get(StatusHistory.CAPACITY - 1).asLong());
        assertTrue(kept.get("equityFloorDistance").get(0).isNull());
    }

    @Test
    void statusCarriesTheProcessingLatencyHistogram() throws Exception
    {
        final JsonNode status = await("/status", json -> json.get("latency").get("count").asLong() > 0);
        final JsonNode latency = status.get("latency");
        assertEquals(StatusBoard.LATENCY_BOUNDS_MICROS.length, latency.get("boundsMicros").size());
        assertEquals(StatusBoard.LATENCY_BOUNDS_MICROS.length + 1, latency.get("buckets").size());
        long inBuckets = 0;
        for (final JsonNode bucket : latency.get("buckets"))
        {
            inBuckets += bucket.asLong();
        }
        assertTrue(inBuckets > 0 && inBuckets <= board.latencyCount(), "buckets hold the counted events: " + latency);
        assertTrue(latency.get("sumMicros").asDouble() > 0, latency.toString());
    }
}

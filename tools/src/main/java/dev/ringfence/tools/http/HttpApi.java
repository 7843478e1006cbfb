package dev.ringfence.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEvents;
import dev.ringfence.engine.event.Side;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The engine's HTTP face (JDK HttpServer, two threads of its own, never the business thread): signed
 * signal ingress, the operator API, status, health, and Prometheus metrics. Everything it tells the
 * engine goes through the inbound ring, journaled like any other input; everything it reports comes
 * from the {@link StatusBoard}.
 */
public final class HttpApi implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SIGNAL_FIELDS = Set.of("id", "symbol", "side", "volume", "sl", "tp", "ttlMillis");
    private static final Map<String, AdminCommand> ADMIN = Map.of(
        "halt", AdminCommand.HALT, "resume", AdminCommand.RESUME, "flatten", AdminCommand.FLATTEN,
        "rearm", AdminCommand.REARM, "reduce-only", AdminCommand.REDUCE_ONLY, "rebase", AdminCommand.REBASE);

    private final HttpConfig config;
    private final SymbolTable symbols;
    private final InboundEvents inbound;
    private final StatusBoard board;
    private final LongPredicate businessThreadAlive;
    /** Whether the gateway's I/O thread runs; always true when there is no gateway. */
    private volatile BooleanSupplier gatewayAlive = () -> true;
    private final long heartbeatIntervalMillis;
    private final PrometheusRegistry registry;
    private final long startedMillis = System.currentTimeMillis();
    /** A dependency's problem (the journal cannot write, say), or null; read on the HTTP threads. */
    private volatile Supplier<String> dependencyHealth = () -> null;
    private final Map<String, Boolean> acceptedIds = new LinkedHashMap<>(1024, 0.75f, false)
    {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest)
        {
            return size() > 100_000;
        }
    };
    private double tokens;
    private long lastRefillNanos = System.nanoTime();
    private HttpServer server;
    private ExecutorService pool;

    public HttpApi(
        final HttpConfig config,
        final SymbolTable symbols,
        final InboundEvents inbound,
        final StatusBoard board,
        final LongPredicate businessThreadAlive,
        final long heartbeatIntervalMillis,
        final PrometheusRegistry registry)
    {
        this.config = config;
        this.symbols = symbols;
        this.inbound = inbound;
        this.board = board;
        this.businessThreadAlive = businessThreadAlive;
        this.heartbeatIntervalMillis = heartbeatIntervalMillis;
        this.registry = registry;
        this.tokens = config.requestsPerSecond;
    }

    /** {@code /health} is 503 while {@code alive} is false (the gateway's I/O thread has stopped). */
    public HttpApi gatewayAliveWhile(final BooleanSupplier alive)
    {
        this.gatewayAlive = alive;
        return this;
    }

    /** Binds and serves; returns the port. */
    public int start() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(config.bind, config.port), 64);
        pool = Executors.newFixedThreadPool(2, runnable ->
        {
            final Thread thread = new Thread(runnable, "ringfence-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        server.createContext("/signals", exchange -> handle(exchange, "POST", this::signals));
        server.createContext("/status", exchange -> handle(exchange, "GET", this::status));
        server.createContext("/health", exchange -> handle(exchange, "GET", this::health));
        server.createContext("/metrics", exchange -> handle(exchange, "GET", this::metrics));
        server.createContext("/admin/", exchange -> handle(exchange, "POST", this::admin));
        server.start();
        return server.getAddress().getPort();
    }

    @FunctionalInterface
    private interface Handler
    {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void handle(final HttpExchange exchange, final String method, final Handler handler) throws IOException
    {
        try (exchange)
        {
            if (!exchange.getRequestMethod().equals(method))
            {
                reply(exchange, 405, "{\"error\":\"use " + method + "\"}");
                return;
            }
            handler.handle(exchange);
        }
        catch (final RuntimeException ex)
        {
            reply(exchange, 500, "{\"error\":" + quote(ex.toString()) + "}");
        }
    }

    // ------------------------------------------------------------------ POST /signals

    private void signals(final HttpExchange exchange) throws IOException
    {
        if (config.hmacSecret.isEmpty())
        {
            reply(exchange, 403, "{\"error\":\"signal ingress is disabled: set ingress.hmacSecret\"}");
            return;
        }
        final byte[] body = readAtMost(exchange.getRequestBody(), config.maxBodyBytes);
        if (body == null)
        {
            reply(exchange, 413, "{\"error\":\"body larger than " + config.maxBodyBytes + " bytes\"}");
            return;
        }
        final String authProblem = checkSignature(exchange, body);
        if (authProblem != null)
        {
            reply(exchange, 401, "{\"error\":" + quote(authProblem) + "}");
            return;
        }
        final JsonNode json;
        try
        {
            json = JSON.readTree(body);
        }
        catch (final IOException ex)
        {
            reply(exchange, 400, "{\"error\":\"the body is not JSON\"}");
            return;
        }
        final String problem = validate(json);
        if (problem != null)
        {
            reply(exchange, 400, problem);
            return;
        }
        final String id = json.get("id").asText();
        synchronized (acceptedIds)
        {
            if (acceptedIds.containsKey(id))
            {
                reply(exchange, 409, "{\"error\":\"duplicate signal id\",\"signalId\":" + quote(id) + "}");
                return;
            }
        }
        if (!takeToken())
        {
            reply(exchange, 429, "{\"error\":\"rate limited: at most " + config.requestsPerSecond + " signals per second\"}");
            return;
        }
        final long now = System.currentTimeMillis();
        final boolean accepted = inbound.signal(now, id, symbols.idOf(json.get("symbol").asText()),
            Side.valueOf(json.get("side").asText()), json.get("volume").asDouble(), number(json, "sl"), number(json, "tp"),
            json.has("ttlMillis") ? json.get("ttlMillis").asLong() : 0, now);
        if (!accepted)
        {
            reply(exchange, 503, "{\"error\":\"the engine's inbound ring is full; retry\"}");
            return;
        }
        synchronized (acceptedIds)
        {
            acceptedIds.put(id, Boolean.TRUE);
        }
        reply(exchange, 202, "{\"signalId\":" + quote(id) + ",\"status\":\"accepted\"}");
    }

    /** {@code X-Ringfence-Signature} = lowercase hex HMAC-SHA256(secret, timestamp + "." + body). */
    private String checkSignature(final HttpExchange exchange, final byte[] body)
    {
        final String timestamp = exchange.getRequestHeaders().getFirst("X-Ringfence-Timestamp");
        final String signature = exchange.getRequestHeaders().getFirst("X-Ringfence-Signature");
        if (timestamp == null || signature == null)
        {
            return "missing X-Ringfence-Timestamp or X-Ringfence-Signature";
        }
        final long seconds;
        try
        {
            seconds = Long.parseLong(timestamp.trim());
        }
        catch (final NumberFormatException ex)
        {
            return "X-Ringfence-Timestamp is not unix seconds";
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - seconds) > config.timestampWindowSeconds)
        {
            return "X-Ringfence-Timestamp is outside the " + config.timestampWindowSeconds + " s window";
        }
        final String expected = sign(config.hmacSecret, timestamp.trim(), body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.trim().getBytes(StandardCharsets.US_ASCII)))
        {
            return "bad signature";
        }
        return null;
    }

    /** The signature a client sends; the one place it is computed (the CLI client uses it too). */
    public static String sign(final String secret, final String timestamp, final byte[] body)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte)'.');
            final byte[] digest = mac.doFinal(body);
            final StringBuilder hex = new StringBuilder(64);
            for (final byte b : digest)
            {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("HMAC-SHA256 is not available", ex);
        }
    }

    private static String validate(final JsonNode json)
    {
        if (json == null || !json.isObject())
        {
            return field("body", "must be a JSON object");
        }
        final Iterator<String> names = json.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!SIGNAL_FIELDS.contains(name))
            {
                return field(name, "unknown field");
            }
        }
        final JsonNode id = json.get("id");
        if (id == null || !id.isTextual() || id.asText().isEmpty() || id.asText().length() > 64 ||
            !id.asText().chars().allMatch(c -> c > 32 && c < 127))
        {
            return field("id", "1 to 64 printable characters");
        }
        final JsonNode symbol = json.get("symbol");
        if (symbol == null || !symbol.isTextual() || symbol.asText().isEmpty())
        {
            return field("symbol", "a symbol name such as EURUSD");
        }
        final JsonNode side = json.get("side");
        if (side == null || !side.isTextual() || !(side.asText().equals("BUY") || side.asText().equals("SELL")))
        {
            return field("side", "BUY or SELL");
        }
        final JsonNode volume = json.get("volume");
        if (volume == null || !volume.isNumber() || !(volume.asDouble() > 0) || Double.isInfinite(volume.asDouble()))
        {
            return field("volume", "a number of lots > 0");
        }
        for (final String price : new String[] {"sl", "tp"})
        {
            final JsonNode node = json.get(price);
            if (node != null && !node.isNull() && (!node.isNumber() || node.asDouble() < 0))
            {
                return field(price, "a price >= 0");
            }
        }
        final JsonNode ttl = json.get("ttlMillis");
        if (ttl != null && (!ttl.canConvertToExactIntegral() || ttl.asLong() < 0))
        {
            return field("ttlMillis", "whole milliseconds >= 0");
        }
        return null;
    }

    private static String field(final String name, final String problem)
    {
        return "{\"error\":" + quote(problem) + ",\"field\":" + quote(name) + "}";
    }

    private static double number(final JsonNode json, final String name)
    {
        final JsonNode node = json.get(name);
        return node == null || node.isNull() ? 0 : node.asDouble();
    }

    private synchronized boolean takeToken()
    {
        final long now = System.nanoTime();
        tokens = Math.min(config.requestsPerSecond, tokens + (now - lastRefillNanos) / 1e9 * config.requestsPerSecond);
        lastRefillNanos = now;
        if (tokens >= 1)
        {
            tokens -= 1;
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ operator API

    private void admin(final HttpExchange exchange) throws IOException
    {
        if (config.adminToken.isEmpty())
        {
            reply(exchange, 403, "{\"error\":\"the admin API is disabled: set admin.token\"}");
            return;
        }
        final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        final byte[] expected = ("Bearer " + config.adminToken).getBytes(StandardCharsets.UTF_8);
        if (authorization == null || !MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8)))
        {
            reply(exchange, 401, "{\"error\":\"missing or wrong Authorization: Bearer token\"}");
            return;
        }
        final String name = exchange.getRequestURI().getPath().substring("/admin/".length());
        final AdminCommand command = ADMIN.get(name);
        if (command == null)
        {
            reply(exchange, 404, "{\"error\":\"unknown command; use one of " + String.join(", ", ADMIN.keySet()) + "\"}");
            return;
        }
        final long before = board.adminEventsProcessed;
        if (!inbound.admin(System.currentTimeMillis(), command, "http"))
        {
            reply(exchange, 503, "{\"error\":\"the engine's inbound ring is full; retry\"}");
            return;
        }
        final long deadline = System.currentTimeMillis() + 2_000;
        while (board.adminEventsProcessed <= before && System.currentTimeMillis() < deadline)
        {
            sleep(2);
        }
        if (board.adminEventsProcessed <= before)
        {
            reply(exchange, 202, "{\"command\":" + quote(name) + ",\"status\":\"queued; the engine has not processed it yet\"}");
            return;
        }
        if (board.lastRefusedAdminEvent == before + 1)
        {
            reply(exchange, 409, "{\"command\":" + quote(name) + ",\"refused\":" + quote(board.lastRefusalReason) +
                ",\"guardState\":" + quote(board.guardState.name()) + "}");
            return;
        }
        reply(exchange, 200, "{\"command\":" + quote(name) + ",\"guardState\":" + quote(board.guardState.name()) +
            ",\"peak\":" + board.peak + ",\"equity\":" + board.equity + "}");
    }

    // ------------------------------------------------------------------ status, health, metrics

    private void status(final HttpExchange exchange) throws IOException
    {
        final StatusBoard b = board;
        reply(exchange, 200, String.format(Locale.ROOT,
            "{\"time\":%d,\"guardState\":\"%s\",\"degraded\":%b,\"reconciling\":%b,\"rebaseRequired\":%b,\"loopRunning\":%b," +
                "\"equity\":%s,\"balance\":%s,\"peak\":%s,\"drawdownPercent\":%s,\"drawdownRemainingPercent\":%s," +
                "\"equityFloorDistance\":%s,\"dailyLossUsedPercent\":%s,\"dailyLossRemaining\":%s,\"openPositions\":%d," +
                "\"pendingOrders\":%d,\"terminalConnected\":%b,\"lastHeartbeat\":%d,\"signalsReceived\":%d,\"tradesExecuted\":%d," +
                "\"tradesFailed\":%d,\"errors\":%d}",
            b.timeMillis, b.guardState, b.degraded, b.reconciling, b.rebaseRequired, b.loopRunning, num(b.equity), num(b.balance),
            num(b.peak), num(b.drawdownPercent), num(b.drawdownRemainingPercent), num(b.floorDistance),
            num(b.dailyLossUsedRatio * 100), num(b.dailyLossRemaining), b.openPositions, b.pendingOrders, b.terminalConnected,
            b.lastHeartbeatMillis, b.signalsReceived, b.tradesExecuted, b.tradesFailed, b.errors));
    }

    /** {@code /health} also fails while {@code problem} returns a description (null: healthy). */
    public HttpApi dependencyHealth(final Supplier<String> problem)
    {
        this.dependencyHealth = problem;
        return this;
    }

    /** 200 when the business thread and the gateway thread are alive, the last heartbeat is recent and the terminal is connected. */
    private void health(final HttpExchange exchange) throws IOException
    {
        final long now = System.currentTimeMillis();
        final List<String> problems = new ArrayList<>();
        if (!businessThreadAlive.test(now))
        {
            problems.add("the business thread is not processing events");
        }
        if (!gatewayAlive.getAsBoolean())
        {
            problems.add("the gateway thread has stopped");
        }
        final long lastBeat = board.lastHeartbeatMillis;
        final long allowed = 2 * heartbeatIntervalMillis + 1_000;
        if (lastBeat == 0 ? now - startedMillis > allowed : now - lastBeat > allowed)
        {
            problems.add("no heartbeat for more than " + allowed + " ms");
        }
        if (!board.terminalConnected)
        {
            problems.add("the terminal is not connected");
        }
        final String dependencyProblem = dependencyHealth.get();
        if (dependencyProblem != null)
        {
            problems.add(dependencyProblem);
        }
        if (problems.isEmpty())
        {
            reply(exchange, 200, "{\"status\":\"ok\",\"guardState\":" + quote(board.guardState.name()) + "}");
            return;
        }
        final StringBuilder reasons = new StringBuilder();
        for (final String problem : problems)
        {
            reasons.append(reasons.length() == 0 ? "" : ",").append(quote(problem));
        }
        reply(exchange, 503, "{\"status\":\"unhealthy\",\"reasons\":[" + reasons + "]}");
    }

    private void metrics(final HttpExchange exchange) throws IOException
    {
        final ByteArrayOutputStream text = new ByteArrayOutputStream(8192);
        PrometheusTextFormatWriter.create().write(text, registry.scrape());
        exchange.getResponseHeaders().set("Content-Type", PrometheusTextFormatWriter.CONTENT_TYPE);
        final byte[] bytes = text.toByteArray();
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The body, or null when it is longer than {@code max} (nothing beyond max+1 bytes is read). */
    private static byte[] readAtMost(final InputStream in, final int max) throws IOException
    {
        final byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }

    private static void reply(final HttpExchange exchange, final int status, final String json) throws IOException
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    private static String num(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }

    private static String quote(final String text)
    {
        try
        {
            return JSON.writeValueAsString(text);
        }
        catch (final IOException ex)
        {
            return "\"\"";
        }
    }

    private static void sleep(final long millis)
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
    public void close()
    {
        if (server != null)
        {
            server.stop(0);
        }
        if (pool != null)
        {
            pool.shutdownNow();
        }
    }
}

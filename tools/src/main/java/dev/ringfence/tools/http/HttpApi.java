package dev.ringfence.tools.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ringfence.engine.AdminOutcome;
import dev.ringfence.engine.OpenPositions;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEvents;
import dev.ringfence.engine.event.Side;
import dev.ringfence.tools.LifecycleJson;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The engine's HTTP face (embedded Jetty, threads of its own, never the business thread): signed signal
 * ingress, the operator API, status, health, and Prometheus metrics. Everything it tells the engine goes
 * through the inbound ring, journaled like any other input; everything it reports comes from the
 * {@link StatusBoard}.
 *
 * <p>Under slow or abusive clients: headers are parsed by the NIO selector, so a client trickling them
 * holds no thread, and a connection that has not delivered a request's headers within
 * {@link HttpConfig#readTimeoutMillis} is closed by the read-deadline sweep. Signal bodies are read
 * asynchronously under the same bound (408). Signal ingress holds at most
 * {@link HttpConfig#maxConcurrentSignals} permits, answering 503 when full rather than queueing, and an
 * operator command holds no thread while it waits for its outcome, so status, health and the operator
 * always have capacity. An operator command is published only while its client is still connected, and
 * each one is answered with its own outcome, identified by its command id.
 */
public final class HttpApi implements AutoCloseable
{
    /** Strict JSON: a repeated key or anything after the one object is a client error, never "the last wins". */
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    private static final Set<String> SIGNAL_FIELDS = Set.of("id", "symbol", "side", "volume", "sl", "tp", "ttlMillis");
    private static final Map<String, AdminCommand> ADMIN = Map.of(
        "halt", AdminCommand.HALT, "resume", AdminCommand.RESUME, "flatten", AdminCommand.FLATTEN,
        "rearm", AdminCommand.REARM, "reduce-only", AdminCommand.REDUCE_ONLY, "rebase", AdminCommand.REBASE);
    private static final String ACTOR = "http";
    private static final int MAX_PENDING_ADMIN_COMMANDS = 64;
    private static final long ADMIN_POLL_MICROS = 500;

    private final HttpConfig config;
    private final SymbolTable symbols;
    private final InboundEvents inbound;
    private final StatusBoard board;
    private final LongPredicate businessThreadAlive;
    /** Whether the gateway's I/O thread runs; always true when there is no gateway. */
    private volatile BooleanSupplier gatewayAlive = () -> true;
    private final long heartbeatIntervalMillis;
    private final PrometheusRegistry registry;
    private final Counter responses;
    private final long startedMillis = System.currentTimeMillis();
    /** The latest lifecycle events for {@code /events}, or null when none are kept (the answer is then empty). */
    private volatile RecentEvents recentEvents;
    /** The board's figures once a second for the last hour, for {@code /history}. */
    private final StatusHistory history = new StatusHistory();
    /** The console's files, read from the classpath once each. */
    private final Map<String, byte[]> consoleFiles = new ConcurrentHashMap<>();
    /** A dependency's problem (the journal cannot write, say), or null; read on the HTTP threads. */
    private volatile Supplier<String> dependencyHealth = () -> null;
    /** Signal requests in progress (body reads included); never more than configured, never waiting. */
    private final Semaphore signalPermits;
    /** Operator commands published and not yet answered; more get 503 instead of flooding the ring. */
    private final Semaphore adminPermits = new Semaphore(MAX_PENDING_ADMIN_COMMANDS);
    private final AtomicLong timerFailures = new AtomicLong();
    /**
     * Signal ids accepted onto the ring, or reserved by a request about to publish: the reservation is
     * taken atomically, so two concurrent requests with one id get 202 and 409, never 202 twice.
     */
    private final Map<String, Boolean> acceptedIds = new LinkedHashMap<>(1024, 0.75f, false)
    {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest)
        {
            return size() > 100_000;
        }
    };
    /**
     * Connections between requests (just opened, or after their last response), with the nanoTime since
     * when they are waiting for a request's headers. A connection is absent while a request is handled.
     */
    private final Map<Connection, Long> awaitingHeaders = new ConcurrentHashMap<>();
    private double tokens;
    private long lastRefillNanos = System.nanoTime();
    private Server server;
    private ServerConnector connector;
    /** The timer thread: the read-deadline sweep and the polls for operator outcomes; never blocks. */
    private ScheduledExecutorService timers;

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
        this.responses = RingfenceMetrics.httpResponses(registry);
        this.tokens = config.requestsPerSecond;
        this.signalPermits = new Semaphore(config.maxConcurrentSignals);
    }

    /** {@code /health} is 503 while {@code alive} is false (the gateway's I/O thread has stopped). */
    public HttpApi gatewayAliveWhile(final BooleanSupplier alive)
    {
        this.gatewayAlive = alive;
        return this;
    }

    /** {@code /events} answers with the events {@code events} keeps. */
    public HttpApi recentEvents(final RecentEvents events)
    {
        this.recentEvents = events;
        return this;
    }

    /** Binds and serves; returns the port. */
    public int start() throws IOException
    {
        final QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads, Math.min(4, config.maxThreads));
        threads.setName("ringfence-http");
        threads.setDaemon(true);
        server = new Server(threads);
        final HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.bind);
        connector.setPort(config.port);
        connector.setIdleTimeout(config.readTimeoutMillis);
        connector.setAcceptQueueSize(64);
        connector.addEventListener(new Connection.Listener()
        {
            @Override
            public void onOpened(final Connection connection)
            {
                awaitingHeaders.put(connection, System.nanoTime());
            }

            @Override
            public void onClosed(final Connection connection)
            {
                awaitingHeaders.remove(connection);
            }
        });
        server.addConnector(connector);
        server.setHandler(new Routes());
        try
        {
            server.start();
        }
        catch (final Exception ex)
        {
            close();
            throw new IOException("cannot serve HTTP on " + config.bind + ":" + config.port + ": " + ex.getMessage(), ex);
        }
        timers = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "ringfence-http-timers");
            thread.setDaemon(true);
            return thread;
        });
        final long period = Math.max(10, config.readTimeoutMillis / 5);
        timers.scheduleAtFixedRate(this::closeLateConnections, period, period, TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(this::sampleHistory, 0, 1, TimeUnit.SECONDS);
        return connector.getLocalPort();
    }

    /** Timer thread: closes connections that took longer than the read timeout to deliver request headers. */
    private void closeLateConnections()
    {
        try
        {
            closeConnectionsLateBy(System.nanoTime());
        }
        catch (final Throwable ex)
        {
            // A periodic task that throws is never run again: the sweep must outlive any one failure.
            timerFailure(ex);
        }
    }

    /** Timer thread: one sample of the board for {@code /history}. */
    private void sampleHistory()
    {
        try
        {
            history.sample(board);
        }
        catch (final Throwable ex)
        {
            timerFailure(ex);
        }
    }

    /** Counts a failure on the timer thread and reports it in one line (the first ten, then every power of two). */
    private void timerFailure(final Throwable ex)
    {
        final long failures = timerFailures.incrementAndGet();
        if (failures <= 10 || Long.bitCount(failures) == 1)
        {
            System.err.println("ringfence http: timer task failed (" + failures + " so far), going on: " + ex);
        }
    }

    private void closeConnectionsLateBy(final long now)
    {
        final long limit = TimeUnit.MILLISECONDS.toNanos(config.readTimeoutMillis);
        for (final Map.Entry<Connection, Long> entry : awaitingHeaders.entrySet())
        {
            final EndPoint endPoint = entry.getKey().getEndPoint();
            if (!endPoint.isOpen())
            {
                awaitingHeaders.remove(entry.getKey());
            }
            else if (now - entry.getValue() > limit)
            {
                awaitingHeaders.remove(entry.getKey());
                endPoint.close();
            }
        }
    }

    /** One request on a server thread; the route decides. Every answer goes through {@link #reply}. */
    private final class Routes extends Handler.Abstract
    {
        @Override
        public boolean handle(final Request request, final Response response, final Callback callback)
        {
            final Connection connection = request.getConnectionMetaData().getConnection();
            awaitingHeaders.remove(connection);
            Request.addCompletionListener(request, failure ->
            {
                if (connection.getEndPoint().isOpen())
                {
                    awaitingHeaders.put(connection, System.nanoTime());
                }
            });
            final Exchange exchange = new Exchange(request, response, callback);
            try
            {
                route(exchange);
            }
            catch (final RuntimeException ex)
            {
                exchange.reply(500, "{\"error\":" + quote(ex.toString()) + "}");
            }
            return true;
        }
    }

    private void route(final Exchange exchange)
    {
        final String path = Request.getPathInContext(exchange.request);
        if (path.equals("/signals"))
        {
            exchange.endpoint = "signals";
            if (exchange.allows("POST"))
            {
                signals(exchange);
            }
        }
        else if (path.startsWith("/admin/"))
        {
            exchange.endpoint = "admin";
            if (exchange.allows("POST"))
            {
                admin(exchange, path.substring("/admin/".length()));
            }
        }
        else if (path.equals("/") || path.startsWith("/console/"))
        {
            exchange.endpoint = "console";
            if (exchange.allows("GET"))
            {
                console(exchange, path);
            }
        }
        else if (path.equals("/positions"))
        {
            exchange.endpoint = "positions";
            if (exchange.allows("GET"))
            {
                positions(exchange);
            }
        }
        else if (path.equals("/history"))
        {
            exchange.endpoint = "history";
            if (exchange.allows("GET"))
            {
                exchange.reply(200, history.toJson());
            }
        }
        else if (path.equals("/events"))
        {
            exchange.endpoint = "events";
            if (exchange.allows("GET"))
            {
                events(exchange);
            }
        }
        else if (path.equals("/status"))
        {
            exchange.endpoint = "status";
            if (exchange.allows("GET"))
            {
                status(exchange);
            }
        }
        else if (path.equals("/health"))
        {
            exchange.endpoint = "health";
            if (exchange.allows("GET"))
            {
                health(exchange);
            }
        }
        else if (path.equals("/metrics"))
        {
            exchange.endpoint = "metrics";
            if (exchange.allows("GET"))
            {
                metrics(exchange);
            }
        }
        else
        {
            exchange.reply(404, "{\"error\":\"no such endpoint\"}");
        }
    }

    // ------------------------------------------------------------------ POST /signals

    private void signals(final Exchange exchange)
    {
        if (config.hmacSecret.isEmpty())
        {
            exchange.reply(403, "{\"error\":\"signal ingress is disabled: set ingress.hmacSecret\"}");
            return;
        }
        if (exchange.request.getLength() > config.maxBodyBytes)
        {
            exchange.reply(413, tooLarge());
            return;
        }
        if (!signalPermits.tryAcquire())
        {
            exchange.reply(503, "{\"error\":\"signal ingress is busy: at most " + config.maxConcurrentSignals +
                " requests at once; retry\"}");
            return;
        }
        // The body arrives asynchronously (no thread waits for a slow client) within the read timeout.
        // Completion runs short, non-blocking work only (HMAC, parse, publish), wherever Jetty completes it.
        final CompletableFuture<byte[]> body = new CompletableFuture<>();
        Content.Source.asByteArrayAsync(exchange.request, config.maxBodyBytes, Promise.Invocable.toPromise(body));
        body.orTimeout(config.readTimeoutMillis, TimeUnit.MILLISECONDS)
            .whenComplete((bytes, failure) ->
            {
                try
                {
                    if (failure != null)
                    {
                        bodyFailed(exchange, failure);
                    }
                    else
                    {
                        signal(exchange, bytes);
                    }
                }
                catch (final RuntimeException ex)
                {
                    exchange.reply(500, "{\"error\":" + quote(ex.toString()) + "}");
                }
                finally
                {
                    signalPermits.release();
                }
            });
    }

    private void bodyFailed(final Exchange exchange, final Throwable failure)
    {
        final Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        exchange.closeAfterReply();
        if (cause instanceof TimeoutException)
        {
            exchange.reply(408, "{\"error\":\"the body did not arrive within " + config.readTimeoutMillis + " ms\"}");
        }
        else if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException)
        {
            exchange.reply(413, tooLarge());
        }
        else
        {
            exchange.reply(400, "{\"error\":\"the body could not be read\"}");
        }
    }

    private String tooLarge()
    {
        return "{\"error\":\"body larger than " + config.maxBodyBytes + " bytes\"}";
    }

    private void signal(final Exchange exchange, final byte[] body)
    {
        final long arrivalMillis = System.currentTimeMillis();
        final String timestamp = exchange.header("X-Ringfence-Timestamp");
        final String authProblem = checkSignature(timestamp, exchange.header("X-Ringfence-Signature"), body, arrivalMillis);
        if (authProblem != null)
        {
            exchange.reply(401, "{\"error\":" + quote(authProblem) + "}");
            return;
        }
        final JsonNode json;
        try
        {
            json = JSON.readTree(body);
        }
        catch (final JsonProcessingException ex)
        {
            exchange.reply(400, "{\"error\":" + quote("the body is not one strict JSON object: " + ex.getOriginalMessage()) + "}");
            return;
        }
        catch (final IOException ex)
        {
            exchange.reply(400, "{\"error\":\"the body is not JSON\"}");
            return;
        }
        final String problem = validate(json);
        if (problem != null)
        {
            exchange.reply(400, problem);
            return;
        }
        final String id = json.get("id").asText();
        synchronized (acceptedIds)
        {
            if (acceptedIds.putIfAbsent(id, Boolean.TRUE) != null)
            {
                exchange.reply(409, duplicate(id));
                return;
            }
        }
        if (!takeToken())
        {
            forget(id);
            exchange.reply(429, "{\"error\":\"rate limited: at most " + config.requestsPerSecond + " signals per second\"}");
            return;
        }
        // The signal's age counts from its signed time (within the signature window), never from its
        // arrival; a time ahead of this clock counts as now, so skew cannot stretch a signal's life.
        final long sourceMillis = Math.min(signedMillis(timestamp), arrivalMillis);
        final boolean accepted = inbound.signal(arrivalMillis, id, symbols.idOf(json.get("symbol").asText()),
            Side.valueOf(json.get("side").asText()), json.get("volume").asDouble(), number(json, "sl"), number(json, "tp"),
            json.has("ttlMillis") ? json.get("ttlMillis").asLong() : 0, sourceMillis);
        if (!accepted)
        {
            forget(id);
            exchange.reply(503, "{\"error\":\"the engine's inbound ring is full; retry\"}");
            return;
        }
        exchange.reply(202, "{\"signalId\":" + quote(id) + ",\"status\":\"accepted\"}");
    }

    private void forget(final String id)
    {
        synchronized (acceptedIds)
        {
            acceptedIds.remove(id);
        }
    }

    private static String duplicate(final String id)
    {
        return "{\"error\":\"duplicate signal id\",\"signalId\":" + quote(id) + "}";
    }

    /** {@code X-Ringfence-Signature} = lowercase hex HMAC-SHA256(secret, timestamp + "." + body). */
    private String checkSignature(final String timestamp, final String signature, final byte[] body, final long nowMillis)
    {
        if (timestamp == null || signature == null)
        {
            return "missing X-Ringfence-Timestamp or X-Ringfence-Signature";
        }
        final long signedMillis = signedMillis(timestamp);
        if (signedMillis == Long.MIN_VALUE)
        {
            return "X-Ringfence-Timestamp is not unix seconds (at most 3 decimals)";
        }
        if (Math.abs(nowMillis - signedMillis) > config.timestampWindowSeconds * 1_000)
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

    /**
     * {@code X-Ringfence-Timestamp} in epoch milliseconds: unix seconds, optionally with up to three
     * decimals (a short ttl needs them: whole seconds add up to a second of age); MIN_VALUE when malformed.
     */
    static long signedMillis(final String timestamp)
    {
        final String text = timestamp.trim();
        final int dot = text.indexOf('.');
        final String whole = dot < 0 ? text : text.substring(0, dot);
        final String fraction = dot < 0 ? "" : text.substring(dot + 1);
        if (whole.isEmpty() || whole.length() > 12 || fraction.length() > 3 || (dot >= 0 && fraction.isEmpty()) ||
            !(whole + fraction).chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            return Long.MIN_VALUE;
        }
        final long millis = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00").substring(0, 3));
        return Long.parseLong(whole) * 1_000 + millis;
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

    private void admin(final Exchange exchange, final String name)
    {
        if (config.adminToken.isEmpty())
        {
            exchange.reply(403, "{\"error\":\"the admin API is disabled: set admin.token\"}");
            return;
        }
        final String authorization = exchange.header("Authorization");
        final byte[] expected = ("Bearer " + config.adminToken).getBytes(StandardCharsets.UTF_8);
        if (authorization == null || !MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8)))
        {
            exchange.reply(401, "{\"error\":\"missing or wrong Authorization: Bearer token\"}");
            return;
        }
        final AdminCommand command = ADMIN.get(name);
        if (command == null)
        {
            exchange.reply(404, "{\"error\":\"unknown command; use one of " + String.join(", ", ADMIN.keySet()) + "\"}");
            return;
        }
        if (!adminPermits.tryAcquire())
        {
            exchange.reply(503, "{\"command\":" + quote(name) + ",\"error\":\"too many operator commands in progress; not executed, retry\"}");
            return;
        }
        // An operator who has gone (or gave up waiting) must not have the command executed behind their back.
        if (exchange.clientGone())
        {
            adminPermits.release();
            exchange.reply(499, "{\"command\":" + quote(name) + ",\"error\":\"the client went away; not executed\"}");
            return;
        }
        final long commandId = CommandIds.next(); // shared with the other operator ports
        if (!inbound.admin(System.currentTimeMillis(), command, ACTOR, commandId))
        {
            adminPermits.release();
            exchange.reply(503, "{\"command\":" + quote(name) + ",\"error\":\"the engine's inbound ring is full; not executed, retry\"}");
            return;
        }
        final long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.adminAnswerTimeoutMillis);
        answerWhenDecided(exchange, name, commandId, deadlineNanos);
    }

    /**
     * Answers with this command's own outcome once the business thread has published it, polling from the
     * timer thread so that no server thread waits; 202 (queued) when the answer timeout passes first.
     */
    private void answerWhenDecided(final Exchange exchange, final String name, final long commandId, final long deadlineNanos)
    {
        boolean answering = false;
        try
        {
            final AdminOutcome outcome = board.adminOutcome(commandId);
            if (outcome == null && System.nanoTime() - deadlineNanos < 0)
            {
                timers.schedule(() -> answerWhenDecided(exchange, name, commandId, deadlineNanos), ADMIN_POLL_MICROS, TimeUnit.MICROSECONDS);
                return;
            }
            answering = true;
            adminPermits.release();
            answer(exchange, name, commandId, outcome);
        }
        catch (final Throwable ex)
        {
            // The timer thread outlives any one answer: report, give the permit back, tell the operator.
            timerFailure(ex);
            if (!answering)
            {
                adminPermits.release();
            }
            try
            {
                exchange.reply(500, "{\"command\":" + quote(name) + ",\"commandId\":" + commandId +
                    ",\"error\":\"the answer could not be read; check /status before retrying\"}");
            }
            catch (final Throwable replyFailed)
            {
                // the client is gone or the response was committed: nothing more to tell
            }
        }
    }

    private void answer(final Exchange exchange, final String name, final long commandId, final AdminOutcome outcome)
    {
        if (outcome == null)
        {
            exchange.reply(202, "{\"command\":" + quote(name) + ",\"commandId\":" + commandId +
                ",\"status\":\"queued; the engine has not processed it yet\"}");
        }
        else if (!outcome.applied())
        {
            exchange.reply(409, "{\"command\":" + quote(name) + ",\"commandId\":" + commandId + ",\"refused\":" +
                quote(outcome.refusal) + ",\"guardState\":" + quote(outcome.guardState.name()) + ",\"halted\":" + outcome.halted + "}");
        }
        else
        {
            exchange.reply(200, "{\"command\":" + quote(name) + ",\"commandId\":" + commandId + ",\"guardState\":" +
                quote(outcome.guardState.name()) + ",\"halted\":" + outcome.halted + ",\"peak\":" + outcome.peak +
                ",\"equity\":" + outcome.equity + "}");
        }
    }

    // ------------------------------------------------------------------ status, health, metrics

    private void status(final Exchange exchange)
    {
        final StatusBoard b = board;
        exchange.reply(200, String.format(Locale.ROOT,
            "{\"time\":%d,\"guardState\":\"%s\",\"entries\":\"%s\",\"halted\":%b,\"degraded\":%b,\"reconciling\":%b," +
                "\"rebaseRequired\":%b,\"loopRunning\":%b," +
                "\"equity\":%s,\"balance\":%s,\"peak\":%s,\"drawdownPercent\":%s,\"drawdownRemainingPercent\":%s," +
                "\"equityFloorDistance\":%s,\"dailyLossUsedPercent\":%s,\"dailyLossRemaining\":%s,\"openPositions\":%d," +
                "\"pendingOrders\":%d,\"terminalConnected\":%b,\"lastHeartbeat\":%d,\"signalsReceived\":%d,\"tradesExecuted\":%d," +
                "\"tradesFailed\":%d,\"errors\":%d,\"latency\":%s}",
            b.timeMillis, b.guardState, entries(b), b.halted, b.degraded, b.reconciling, b.rebaseRequired, b.loopRunning,
            num(b.equity), num(b.balance),
            num(b.peak), num(b.drawdownPercent), num(b.drawdownRemainingPercent), num(b.floorDistance),
            num(b.dailyLossUsedRatio * 100), num(b.dailyLossRemaining), b.openPositions, b.pendingOrders, b.terminalConnected,
            b.lastHeartbeatMillis, b.signalsReceived, b.tradesExecuted, b.tradesFailed, b.errors, latency(b)));
    }

    /**
     * The business thread's event processing latency since start, as the histogram {@code /metrics} exports:
     * event count, total microseconds, and the events per bucket (not cumulative) with the buckets' upper
     * bounds in microseconds, the last bucket above every bound. Two readings give the latency between them.
     */
    private static String latency(final StatusBoard b)
    {
        final StringBuilder json = new StringBuilder(256);
        json.append("{\"count\":").append(b.latencyCount()).append(",\"sumMicros\":")
            .append(num(b.latencySumSeconds() * 1e6)).append(",\"boundsMicros\":[");
        for (int i = 0; i < StatusBoard.LATENCY_BOUNDS_MICROS.length; i++)
        {
            json.append(i == 0 ? "" : ",").append(LifecycleJson.plain(StatusBoard.LATENCY_BOUNDS_MICROS[i]));
        }
        json.append("],\"buckets\":[");
        for (int i = 0; i <= StatusBoard.LATENCY_BOUNDS_MICROS.length; i++)
        {
            json.append(i == 0 ? "" : ",").append(b.latencyBucket(i));
        }
        return json.append("]}").toString();
    }

    // ------------------------------------------------------------------ console, positions, events

    /** The console's files: path, classpath resource, content type. */
    private static final Map<String, String[]> CONSOLE = Map.of(
        "/", new String[] {"dev/ringfence/tools/http/console/index.html", "text/html; charset=utf-8"},
        "/console/console.js", new String[] {"dev/ringfence/tools/http/console/console.js", "text/javascript; charset=utf-8"},
        "/console/console.css", new String[] {"dev/ringfence/tools/http/console/console.css", "text/css; charset=utf-8"},
        "/console/favicon.svg", new String[] {"dev/ringfence/tools/http/console/favicon.svg", "image/svg+xml"},
        "/console/uPlot.iife.min.js", new String[] {"META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.iife.min.js",
            "text/javascript; charset=utf-8"},
        "/console/uPlot.min.css", new String[] {"META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/uPlot.min.css",
            "text/css; charset=utf-8"});

    /**
     * The page and everything it loads come from this process: the policy allows scripts, styles, images
     * and requests from this origin only, no inline script, no framing.
     */
    private static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The version of the uPlot WebJar this build ships (filtered in from the pom). */
    private static String uplotVersion()
    {
        final Properties properties = new Properties();
        try (InputStream in = HttpApi.class.getResourceAsStream("console/console.properties"))
        {
            if (in == null)
            {
                throw new IllegalStateException("console/console.properties is missing from the classpath");
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return properties.getProperty("uplot.version");
    }

    private void console(final Exchange exchange, final String path)
    {
        final String[] file = CONSOLE.get(path);
        if (file == null)
        {
            exchange.reply(404, "{\"error\":\"no such console file\"}");
            return;
        }
        final byte[] bytes = consoleFiles.computeIfAbsent(path, ignored -> resource(file[0]));
        exchange.response.getHeaders().put("Content-Security-Policy", CONSOLE_POLICY);
        exchange.response.getHeaders().put("X-Content-Type-Options", "nosniff");
        exchange.response.getHeaders().put("Referrer-Policy", "no-referrer");
        exchange.response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        exchange.count(200);
        exchange.send(200, file[1], bytes);
    }

    private static byte[] resource(final String name)
    {
        try (InputStream in = HttpApi.class.getClassLoader().getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The open positions the engine believes in, as of its last status refresh. */
    private void positions(final Exchange exchange)
    {
        final OpenPositions open = board.positions;
        final StringBuilder json = new StringBuilder(128 + open.count() * 128);
        json.append("{\"time\":").append(open.timeMillis).append(",\"positions\":[");
        for (int i = 0; i < open.count(); i++)
        {
            final int symbolId = open.symbolId(i);
            json.append(i == 0 ? "{" : ",{").append("\"ticket\":").append(open.ticket(i))
                .append(",\"symbol\":").append(quote(symbols.isKnown(symbolId) ? symbols.name(symbolId) : "#" + symbolId))
                .append(",\"side\":").append(quote(open.side(i) == null ? null : open.side(i).name()))
                .append(",\"volume\":").append(exact(open.volume(i)))
                .append(",\"openPrice\":").append(exact(open.openPrice(i)))
                .append(",\"profit\":").append(exact(open.profit(i))).append('}');
        }
        exchange.reply(200, json.append("]}").toString());
    }

    /** The latest lifecycle events after {@code ?after=N} (default 0), at most {@code ?max=N} (default and cap 200). */
    private void events(final Exchange exchange)
    {
        long after = 0;
        int max = 200;
        final String query = exchange.request.getHttpURI().getQuery();
        if (query != null)
        {
            for (final String pair : query.split("&"))
            {
                final int eq = pair.indexOf('=');
                final String name = eq < 0 ? pair : pair.substring(0, eq);
                final String value = eq < 0 ? "" : pair.substring(eq + 1);
                try
                {
                    if (name.equals("after"))
                    {
                        after = Math.max(0, Long.parseLong(value));
                    }
                    else if (name.equals("max"))
                    {
                        max = (int)Math.max(1, Math.min(200, Long.parseLong(value)));
                    }
                }
                catch (final NumberFormatException ex)
                {
                    exchange.reply(400, "{\"error\":\"after and max are whole numbers\",\"field\":" + quote(name) + "}");
                    return;
                }
            }
        }
        final RecentEvents events = recentEvents;
        exchange.reply(200, events == null ? "{\"last\":0,\"events\":[]}" : events.since(after, max));
    }

    /** {@code /health} also fails while {@code problem} returns a description (null: healthy). */
    public HttpApi dependencyHealth(final Supplier<String> problem)
    {
        this.dependencyHealth = problem;
        return this;
    }

    /** Whether new entries are taken, in one word: the reason they are refused, or the guard's state when they are not. */
    private static String entries(final StatusBoard b)
    {
        final String denial = b.entryDenial;
        return denial != null ? denial : b.guardState.name();
    }

    /**
     * 200 when the business and gateway threads are alive, no dependency reports a problem, the last heartbeat is recent and the terminal is connected.
     * An operator halt keeps 200 (the engine is working and guarding as told; a 503 would have supervisors
     * restart or fail over a deliberately halted engine) and says so: {@code "halted":true}, the reason in
     * {@code notes}.
     */
    private void health(final Exchange exchange)
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
        if (board.accountMismatch)
        {
            problems.add("the terminal reports another account than the journal's: its figures are not guarded");
        }
        final String dependencyProblem = dependencyHealth.get();
        if (dependencyProblem != null)
        {
            problems.add(dependencyProblem);
        }
        final boolean halted = board.halted;
        final String state = ",\"guardState\":" + quote(board.guardState.name()) + ",\"entries\":" + quote(entries(board)) +
            ",\"halted\":" + halted + (halted ? ",\"notes\":[\"halted by operator\"]" : "");
        if (problems.isEmpty())
        {
            exchange.reply(200, "{\"status\":\"ok\"" + state + "}");
            return;
        }
        final StringBuilder reasons = new StringBuilder();
        for (final String problem : problems)
        {
            reasons.append(reasons.length() == 0 ? "" : ",").append(quote(problem));
        }
        exchange.reply(503, "{\"status\":\"unhealthy\",\"reasons\":[" + reasons + "]" + state + "}");
    }

    private void metrics(final Exchange exchange)
    {
        // Counted before the scrape, so this scrape's own answer is in the figures it shows.
        exchange.count(200);
        final ByteArrayOutputStream text = new ByteArrayOutputStream(8192);
        try
        {
            PrometheusTextFormatWriter.create().write(text, registry.scrape());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        exchange.send(200, PrometheusTextFormatWriter.CONTENT_TYPE, text.toByteArray());
    }

    // ------------------------------------------------------------------ helpers

    /** One request and its answer; answered exactly once, counted by endpoint and status. */
    private final class Exchange
    {
        final Request request;
        final Response response;
        final Callback callback;
        String endpoint = "other";
        private boolean counted;

        Exchange(final Request request, final Response response, final Callback callback)
        {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        boolean allows(final String method)
        {
            if (request.getMethod().equals(method))
            {
                return true;
            }
            reply(405, "{\"error\":\"use " + method + "\"}");
            return false;
        }

        String header(final String name)
        {
            return request.getHeaders().get(name);
        }

        /** True when the client has closed its side or the connection is gone. */
        boolean clientGone()
        {
            final EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            return !endPoint.isOpen() || endPoint.isInputShutdown();
        }

        void closeAfterReply()
        {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }

        void count(final int status)
        {
            if (!counted)
            {
                counted = true;
                responses.labelValues(endpoint, Integer.toString(status)).inc();
            }
        }

        void reply(final int status, final String json)
        {
            count(status);
            send(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        void send(final int status, final String contentType, final byte[] bytes)
        {
            response.setStatus(status);
            response.getHeaders().put(new HttpField(HttpHeader.CONTENT_TYPE, contentType));
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }

    /** A double as the terminal gave it (no rounding, no exponent), or null when it is not finite. */
    private static String exact(final double value)
    {
        return Double.isFinite(value) ? LifecycleJson.plain(value) : "null";
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

    @Override
    public void close()
    {
        if (timers != null)
        {
            timers.shutdownNow();
        }
        if (server != null)
        {
            try
            {
                server.stop();
            }
            catch (final Exception ex)
            {
                // Stopping is best effort: the process is going away or the test is over.
            }
        }
    }
}

package dev.ringfence.tools.http;

import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.OperatorCommands;
import dev.ringfence.engine.event.Signals;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The engine's HTTP face (embedded Jetty, threads of its own, never the business thread): the server, its
 * connections and timers, and the routes. Each concern answers in a class of its own: {@link SignalIngress}
 * ({@code POST /signals}, signed by {@link SignalSignature}), {@link OperatorApi} ({@code POST /admin/*}),
 * {@link ConsoleEndpoints} (the console's files, {@code /positions}, {@code /events}, {@code /history}),
 * {@link StatusEndpoints} ({@code /status}, {@code /health}) and {@link MetricsEndpoint} ({@code /metrics}),
 * each request an {@link Exchange}. Everything it tells the engine goes through the inbound ring, journaled
 * like any other input; everything it reports comes from the {@link StatusBoard}.
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
    private final HttpConfig config;
    private final Counter responses;
    private final SignalIngress signals;
    private final OperatorApi operator;
    private final ConsoleEndpoints console;
    private final StatusEndpoints status;
    private final MetricsEndpoint metrics;
    private final AtomicLong timerFailures = new AtomicLong();
    /**
     * Connections between requests (just opened, or after their last response), with the nanoTime since
     * when they are waiting for a request's headers. A connection is absent while a request is handled.
     */
    private final Map<Connection, Long> awaitingHeaders = new ConcurrentHashMap<>();
    private Server server;
    private ServerConnector connector;
    /** The timer thread: the read-deadline sweep, the polls for operator outcomes, the history samples; never blocks. */
    private volatile ScheduledExecutorService timers;

    public HttpApi(
        final HttpConfig config,
        final SymbolTable symbols,
        final Signals signals,
        final OperatorCommands operatorCommands,
        final StatusBoard board,
        final LongPredicate businessThreadAlive,
        final long heartbeatIntervalMillis,
        final PrometheusRegistry registry)
    {
        this.config = config;
        this.responses = RingfenceMetrics.httpResponses(registry);
        this.signals = new SignalIngress(config, symbols, signals);
        this.operator = new OperatorApi(config, operatorCommands, board, () -> timers, this::timerFailure);
        this.console = new ConsoleEndpoints(board, symbols);
        this.status = new StatusEndpoints(board, businessThreadAlive, heartbeatIntervalMillis);
        this.metrics = new MetricsEndpoint(registry);
    }

    /** {@code /health} is 503 while {@code alive} is false (the gateway's I/O thread has stopped). */
    public HttpApi gatewayAliveWhile(final BooleanSupplier alive)
    {
        status.gatewayAlive(alive);
        return this;
    }

    /** {@code /events} answers with the events {@code events} keeps. */
    public HttpApi recentEvents(final RecentEvents events)
    {
        console.recentEvents(events);
        return this;
    }

    /** {@code /health} also fails while {@code problem} returns a description (null: healthy). */
    public HttpApi dependencyHealth(final Supplier<String> problem)
    {
        status.dependencyHealth(problem);
        return this;
    }

    /** The signature a signal's client sends (the CLI client uses it too): see {@link SignalSignature}. */
    public static String sign(final String secret, final String timestamp, final byte[] body)
    {
        return SignalSignature.sign(secret, timestamp, body);
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
            console.sampleHistory();
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
            final Exchange exchange = new Exchange(request, response, callback, responses);
            try
            {
                route(exchange);
            }
            catch (final RuntimeException ex)
            {
                exchange.reply(500, HttpJson.error(ex));
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
                signals.handle(exchange);
            }
        }
        else if (path.startsWith("/admin/"))
        {
            exchange.endpoint = "admin";
            if (exchange.allows("POST"))
            {
                operator.handle(exchange, path.substring("/admin/".length()));
            }
        }
        else if (path.equals("/") || path.startsWith("/console/"))
        {
            exchange.endpoint = "console";
            if (exchange.allows("GET"))
            {
                console.file(exchange, path);
            }
        }
        else if (path.equals("/positions"))
        {
            exchange.endpoint = "positions";
            if (exchange.allows("GET"))
            {
                console.positions(exchange);
            }
        }
        else if (path.equals("/history"))
        {
            exchange.endpoint = "history";
            if (exchange.allows("GET"))
            {
                console.history(exchange);
            }
        }
        else if (path.equals("/events"))
        {
            exchange.endpoint = "events";
            if (exchange.allows("GET"))
            {
                console.events(exchange);
            }
        }
        else if (path.equals("/status"))
        {
            exchange.endpoint = "status";
            if (exchange.allows("GET"))
            {
                status.status(exchange);
            }
        }
        else if (path.equals("/health"))
        {
            exchange.endpoint = "health";
            if (exchange.allows("GET"))
            {
                status.health(exchange);
            }
        }
        else if (path.equals("/metrics"))
        {
            exchange.endpoint = "metrics";
            if (exchange.allows("GET"))
            {
                metrics.handle(exchange);
            }
        }
        else
        {
            exchange.reply(404, "{\"error\":\"no such endpoint\"}");
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

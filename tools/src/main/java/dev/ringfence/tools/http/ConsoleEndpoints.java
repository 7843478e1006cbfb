package dev.ringfence.tools.http;

import dev.ringfence.engine.OpenPositions;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.SymbolTable;
import org.eclipse.jetty.http.HttpHeader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import static dev.ringfence.tools.http.HttpJson.exact;
import static dev.ringfence.tools.http.HttpJson.quote;

/**
 * The operator console: {@code GET /} and {@code /console/*} serve its static files (from the classpath, under
 * a policy that lets the page load nothing from elsewhere), and the reads it polls, which any client may
 * make: {@code /positions}, {@code /events} and {@code /history}.
 */
final class ConsoleEndpoints
{
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

    private final StatusBoard board;
    private final SymbolTable symbols;
    /** The console's files, read from the classpath once each. */
    private final Map<String, byte[]> consoleFiles = new ConcurrentHashMap<>();
    /** The board's figures once a second for the last hour, for {@code /history}. */
    private final StatusHistory history = new StatusHistory();
    /** The latest lifecycle events for {@code /events}, or null when none are kept (the answer is then empty). */
    private volatile RecentEvents recentEvents;

    ConsoleEndpoints(final StatusBoard board, final SymbolTable symbols)
    {
        this.board = board;
        this.symbols = symbols;
    }

    void recentEvents(final RecentEvents events)
    {
        this.recentEvents = events;
    }

    /** Timer thread: one sample of the board for {@code /history}. */
    void sampleHistory()
    {
        history.sample(board);
    }

    /** The version of the uPlot WebJar this build ships (filtered in from the pom). */
    private static String uplotVersion()
    {
        final Properties properties = new Properties();
        try (InputStream in = ConsoleEndpoints.class.getResourceAsStream("console/console.properties"))
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

    void file(final Exchange exchange, final String path)
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
        try (InputStream in = ConsoleEndpoints.class.getClassLoader().getResourceAsStream(name))
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
    void positions(final Exchange exchange)
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

    /** The board's figures for the last hour, a sample a second. */
    void history(final Exchange exchange)
    {
        exchange.reply(200, history.toJson());
    }

    /** The latest lifecycle events after {@code ?after=N} (default 0), at most {@code ?max=N} (default and cap 200). */
    void events(final Exchange exchange)
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
}

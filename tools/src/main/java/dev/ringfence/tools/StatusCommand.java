package dev.ringfence.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ringfence.engine.event.GuardState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code ringfence status}: the live state of a running engine from its {@code /status} and {@code /health}, in a few lines. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the live state of a running engine, read from its /status and /health: guard state, entries, equity, drawdown, limits, positions, terminal link and heartbeat.",
        "Exit codes: 0 the engine is healthy; 1 it answers but is unhealthy (/health is 503, the reasons are printed); 2 it cannot be reached."})
public final class StatusCommand implements Callable<Integer>
{
    static final int HEALTHY = 0;
    static final int UNHEALTHY = 1;
    static final int UNREACHABLE = 2;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
        description = "The engine's HTTP address, http.bind and http.port (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--json", description = "Print the raw /status JSON instead (the exit code still follows /health).")
    boolean json;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION",
        description = "How long to wait for each answer, e.g. 5s or 500ms (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final String base = url.replaceAll("/+$", "");
        final Duration wait;
        try
        {
            wait = parseDuration(timeout);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: " + ex.getMessage());
        }
        final HttpClient client = HttpClient.newBuilder().connectTimeout(wait).build();
        final HttpResponse<String> status;
        final HttpResponse<String> health;
        try
        {
            status = get(client, base + "/status", wait);
            health = get(client, base + "/health", wait);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            err.println(unreachable(base, ex));
            err.flush();
            return UNREACHABLE;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
        final JsonNode statusJson = parse(status);
        final JsonNode healthJson = parse(health);
        if (status.statusCode() != 200 || statusJson == null || healthJson == null ||
            (health.statusCode() != 200 && health.statusCode() != 503))
        {
            err.println("ringfence status: " + base + " answered, but not like a Ringfence engine (/status: HTTP " +
                status.statusCode() + ", /health: HTTP " + health.statusCode() + "). Check --url.");
            err.flush();
            return UNREACHABLE;
        }
        final boolean healthy = health.statusCode() == 200;
        if (json)
        {
            out.println(status.body().strip());
            out.flush();
            if (!healthy)
            {
                err.println("unhealthy: " + String.join("; ", texts(healthJson.get("reasons"))));
                err.flush();
            }
        }
        else
        {
            out.print(format(base, statusJson, healthJson, healthy));
            out.flush();
        }
        return healthy ? HEALTHY : UNHEALTHY;
    }

    private static HttpResponse<String> get(final HttpClient client, final String address, final Duration wait)
        throws IOException, InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(address)).timeout(wait).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode parse(final HttpResponse<String> response)
    {
        try
        {
            final JsonNode node = JSON.readTree(response.body());
            return node != null && node.isObject() ? node : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    static String unreachable(final String base, final Exception ex)
    {
        final String why = ex instanceof java.net.ConnectException ? "connection refused"
            : ex instanceof java.net.http.HttpTimeoutException ? "no answer in time"
            : ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        return "ringfence status: cannot reach the engine at " + base + " (" + why + ")." + System.lineSeparator() +
            "Is it running? Start one with 'ringfence run --config FILE' (or 'ringfence run --paper' to try it out);" +
            System.lineSeparator() +
            "if it listens elsewhere (http.bind, http.port), pass --url http://HOST:PORT.";
    }

    /** The readable lines: one topic a line, the health reasons last. */
    static String format(final String base, final JsonNode s, final JsonNode h, final boolean healthy)
    {
        final StringBuilder text = new StringBuilder(512);
        final String guard = s.path("guardState").asText("?");
        final String entries = s.path("entries").asText("?");
        final boolean halted = s.path("halted").asBoolean(false);
        line(text, "engine", base + "  " + (healthy ? "HEALTHY" : "UNHEALTHY"));
        final List<String> flags = new ArrayList<>();
        if (halted)
        {
            flags.add("HALTED by operator");
        }
        if (s.path("degraded").asBoolean(false))
        {
            flags.add("degraded");
        }
        if (s.path("reconciling").asBoolean(false))
        {
            flags.add("reconciling");
        }
        if (s.path("rebaseRequired").asBoolean(false))
        {
            flags.add("rebase required");
        }
        if (s.has("loopRunning") && !s.path("loopRunning").asBoolean())
        {
            flags.add("loop stopped");
        }
        line(text, "guard", guard + (flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")"));
        line(text, "entries", entriesAllowed(guard, entries) ? "allowed" : "refused: " + entries);
        line(text, "equity", money(s.get("equity")) + "  balance " + money(s.get("balance")) + "  peak " + money(s.get("peak")));
        line(text, "drawdown", percent(s.get("drawdownPercent")) + " (" + percent(s.get("drawdownRemainingPercent")) +
            " left before the cap), floor " + money(s.get("equityFloorDistance")) + " away");
        final JsonNode dailyUsed = s.get("dailyLossUsedPercent");
        line(text, "daily loss", dailyUsed == null || !dailyUsed.isNumber() ? "no daily limit in force"
            : percent(dailyUsed) + " of the limit used, " + money(s.get("dailyLossRemaining")) + " left");
        line(text, "positions", s.path("openPositions").asLong(0) + " open, " + s.path("pendingOrders").asLong(0) + " pending orders");
        line(text, "terminal", (s.path("terminalConnected").asBoolean(false) ? "connected" : "NOT connected") +
            ", last heartbeat " + heartbeatAge(s) + tradingNotPermitted(s.get("tradePermissions")));
        final List<String> refused = texts(s.get("symbolsRefused"));
        final List<String> missing = texts(s.get("symbolsWithoutSpec"));
        if (!refused.isEmpty() || !missing.isEmpty())
        {
            line(text, "symbols", "no entries on " + String.join(", ", refused) + (refused.isEmpty() ? "" : " (spec refused)") +
                (refused.isEmpty() || missing.isEmpty() ? "" : ", ") + String.join(", ", missing) +
                (missing.isEmpty() ? "" : " (no spec from the terminal)"));
        }
        line(text, "activity", s.path("signalsReceived").asLong(0) + " signals, " + s.path("tradesExecuted").asLong(0) +
            " trades executed, " + s.path("tradesFailed").asLong(0) + " failed, " + s.path("errors").asLong(0) + " errors");
        if (healthy)
        {
            final List<String> notes = texts(h.get("notes"));
            line(text, "health", "ok" + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
        }
        else
        {
            final List<String> reasons = texts(h.get("reasons"));
            line(text, "health", "UNHEALTHY" + (reasons.isEmpty() ? "" : ":"));
            for (final String reason : reasons)
            {
                text.append("  - ").append(reason).append(System.lineSeparator());
            }
        }
        return text.toString();
    }

    /** ", trading NOT permitted (missing: expert)" when the terminal lacks a permission; "" otherwise. */
    private static String tradingNotPermitted(final JsonNode permissions)
    {
        if (permissions == null || !permissions.isObject())
        {
            return "";
        }
        final List<String> missing = new ArrayList<>();
        permissions.fields().forEachRemaining(entry ->
        {
            if (!entry.getValue().asBoolean(true))
            {
                missing.add(entry.getKey());
            }
        });
        return missing.isEmpty() ? "" : ", trading NOT permitted (missing: " + String.join(", ", missing) + ")";
    }

    private static boolean entriesAllowed(final String guard, final String entries)
    {
        if (!guard.equals(entries))
        {
            return false;
        }
        try
        {
            return GuardState.valueOf(guard).allowsEntries();
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private static String heartbeatAge(final JsonNode s)
    {
        final long last = s.path("lastHeartbeat").asLong(0);
        if (last <= 0)
        {
            return "none yet";
        }
        // Both times are the engine's clock: no skew with this machine's.
        final long now = s.path("time").asLong(0);
        final long age = Math.max(0, now - last);
        return age < 10_000 ? String.format(Locale.ROOT, "%.1f s ago", age / 1000.0)
            : age < 120_000 ? (age / 1000) + " s ago" : (age / 60_000) + " min ago";
    }

    private static void line(final StringBuilder text, final String label, final String value)
    {
        text.append(String.format(Locale.ROOT, "%-11s%s", label, value)).append(System.lineSeparator());
    }

    private static String money(final JsonNode value)
    {
        return value == null || !value.isNumber() ? "n/a" : String.format(Locale.ROOT, "%,.2f", value.asDouble());
    }

    private static String percent(final JsonNode value)
    {
        return value == null || !value.isNumber() ? "n/a" : String.format(Locale.ROOT, "%.2f%%", value.asDouble());
    }

    private static List<String> texts(final JsonNode array)
    {
        final List<String> list = new ArrayList<>();
        if (array != null && array.isArray())
        {
            array.forEach(node -> list.add(node.asText()));
        }
        return list;
    }

    static Duration parseDuration(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            final Duration d;
            if (t.endsWith("ms"))
            {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            else if (t.endsWith("s"))
            {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            else
            {
                throw new IllegalArgumentException("'" + text + "' is not a duration like 5s or 500ms");
            }
            if (d.isNegative() || d.isZero())
            {
                throw new IllegalArgumentException("'" + text + "' must be positive");
            }
            return d;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 5s or 500ms");
        }
    }
}

package dev.ringfence.tools.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.TerminalReports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed and checked scenario file (SCENARIOS.md): JSON Lines, each with {@code t} and {@code type};
 * blank lines and {@code #} comments ignored. Every problem is reported with its line number before
 * anything runs. {@code NaN} and {@code Infinity} are accepted as numbers so scenarios can feed the
 * engine the bad figures a broken feed would.
 */
public final class Scenario
{
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    private static final Map<String, Set<String>> FIELDS = Map.of(
        "config", Set.of(),
        "tick", Set.of("symbol", "bid", "ask"),
        "signal", Set.of("id", "symbol", "side", "volume", "sl", "tp", "ttlMillis"),
        "account", Set.of("balance", "equity", "margin", "freeMargin", "connected"),
        "balance", Set.of("amount"),
        "admin", Set.of("command"),
        "fault", Set.of("kind", "retcode", "count", "millis"),
        "end", Set.of());

    private static final Set<String> ADMIN_COMMANDS = Set.of("HALT", "RESUME", "FLATTEN", "REARM", "REDUCE_ONLY");

    private final Map<String, Object> configOverrides;
    private final List<ScenarioStep> steps;

    private Scenario(final Map<String, Object> configOverrides, final List<ScenarioStep> steps)
    {
        this.configOverrides = configOverrides;
        this.steps = steps;
    }

    public Map<String, Object> configOverrides()
    {
        return Collections.unmodifiableMap(configOverrides);
    }

    public List<ScenarioStep> steps()
    {
        return Collections.unmodifiableList(steps);
    }

    public static Scenario parse(final Reader source) throws IOException
    {
        final Map<String, Object> overrides = new LinkedHashMap<>();
        final List<ScenarioStep> steps = new ArrayList<>();
        final BufferedReader reader = new BufferedReader(source);
        long lastT = 0;
        int lineNo = 0;
        String line;
        while ((line = reader.readLine()) != null)
        {
            lineNo++;
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            final JsonNode node;
            try
            {
                node = JSON.readTree(trimmed);
            }
            catch (final JsonProcessingException ex)
            {
                throw new ScenarioException(lineNo, "not a JSON object: " + ex.getOriginalMessage());
            }
            if (node == null || !node.isObject())
            {
                throw new ScenarioException(lineNo, "not a JSON object");
            }
            final JsonNode tNode = node.get("t");
            if (tNode == null || !tNode.canConvertToExactIntegral() || tNode.asLong() < 0)
            {
                throw new ScenarioException(lineNo, "'t' must be a whole number of milliseconds >= 0");
            }
            final long t = tNode.asLong();
            final JsonNode typeNode = node.get("type");
            if (typeNode == null || !typeNode.isTextual() || !FIELDS.containsKey(typeNode.asText()))
            {
                throw new ScenarioException(lineNo, "'type' must be one of " + String.join(", ", FIELDS.keySet()));
            }
            final String type = typeNode.asText();
            if (t < lastT)
            {
                throw new ScenarioException(lineNo, "'t' = " + t + " goes back in time (previous line had " + lastT + ")");
            }
            lastT = t;
            if (type.equals("config"))
            {
                if (!steps.isEmpty())
                {
                    throw new ScenarioException(lineNo, "config lines are only allowed before the first timed event");
                }
                final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext())
                {
                    final Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().equals("t") && !e.getKey().equals("type"))
                    {
                        overrides.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
                    }
                }
                continue;
            }
            final ScenarioStep step = new ScenarioStep(lineNo, t, type, node);
            check(step);
            steps.add(step);
            if (type.equals("end"))
            {
                break;
            }
        }
        return new Scenario(overrides, steps);
    }

    /** Checks what depends on the configuration (symbols), before the run starts. */
    public void checkAgainst(final SymbolTable symbols)
    {
        for (final ScenarioStep step : steps)
        {
            if (step.type.equals("tick") && symbols.idOf(step.text("symbol")) == SymbolTable.UNKNOWN)
            {
                throw new ScenarioException(step.line, "tick for unknown symbol '" + step.text("symbol") + "'");
            }
        }
    }

    private static void check(final ScenarioStep step)
    {
        final Set<String> allowed = FIELDS.get(step.type);
        final Iterator<String> names = step.fields.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!name.equals("t") && !name.equals("type") && !allowed.contains(name))
            {
                throw new ScenarioException(step.line, "unknown field '" + name + "' for type " + step.type);
            }
        }
        switch (step.type)
        {
            case "tick":
                requireText(step, "symbol");
                final double bid = requireNumber(step, "bid");
                final double ask = requireNumber(step, "ask");
                if (!TerminalReports.isValidQuote(bid, ask))
                {
                    throw new ScenarioException(step.line, "tick needs 0 < bid <= ask, got bid " + bid + " ask " + ask);
                }
                break;
            case "signal":
                requireText(step, "id");
                requireText(step, "symbol");
                final String side = requireText(step, "side");
                if (!side.equals("BUY") && !side.equals("SELL"))
                {
                    throw new ScenarioException(step.line, "'side' must be BUY or SELL");
                }
                requireNumber(step, "volume");
                optionalNumber(step, "sl");
                optionalNumber(step, "tp");
                optionalWhole(step, "ttlMillis");
                break;
            case "account":
                requireNumber(step, "balance");
                requireNumber(step, "equity");
                optionalNumber(step, "margin");
                optionalNumber(step, "freeMargin");
                final JsonNode connected = step.fields.get("connected");
                if (connected != null && !connected.isBoolean())
                {
                    throw new ScenarioException(step.line, "'connected' must be true or false");
                }
                break;
            case "balance":
                final double amount = requireNumber(step, "amount");
                if (!Double.isFinite(amount) || amount == 0)
                {
                    throw new ScenarioException(step.line, "'amount' must be a non-zero finite number");
                }
                break;
            case "admin":
                final String command = requireText(step, "command");
                if (!ADMIN_COMMANDS.contains(command))
                {
                    throw new ScenarioException(step.line, "'command' must be one of " + String.join(", ", ADMIN_COMMANDS));
                }
                break;
            case "fault":
                checkFault(step);
                break;
            default:
                break;
        }
    }

    private static void checkFault(final ScenarioStep step)
    {
        final String kind = requireText(step, "kind");
        switch (kind)
        {
            case "reject":
                requireWhole(step, "retcode");
                if (requireWhole(step, "count") < 1)
                {
                    throw new ScenarioException(step.line, "'count' must be >= 1");
                }
                break;
            case "lose-reply":
                break;
            case "disconnect":
            case "freeze-account":
                if (requireWhole(step, "millis") < 1)
                {
                    throw new ScenarioException(step.line, "'millis' must be >= 1");
                }
                break;
            default:
                throw new ScenarioException(
                    step.line, "fault 'kind' must be one of reject, lose-reply, disconnect, freeze-account");
        }
    }

    private static String requireText(final ScenarioStep step, final String name)
    {
        final JsonNode node = step.fields.get(name);
        if (node == null || !node.isTextual() || node.asText().isEmpty())
        {
            throw new ScenarioException(step.line, "'" + name + "' must be a non-empty string for type " + step.type);
        }
        return node.asText();
    }

    private static double requireNumber(final ScenarioStep step, final String name)
    {
        final JsonNode node = step.fields.get(name);
        if (node == null || !node.isNumber())
        {
            throw new ScenarioException(step.line, "'" + name + "' must be a number for type " + step.type);
        }
        return node.asDouble();
    }

    private static void optionalNumber(final ScenarioStep step, final String name)
    {
        final JsonNode node = step.fields.get(name);
        if (node != null && !node.isNumber())
        {
            throw new ScenarioException(step.line, "'" + name + "' must be a number");
        }
    }

    private static long requireWhole(final ScenarioStep step, final String name)
    {
        final JsonNode node = step.fields.get(name);
        if (node == null || !node.canConvertToExactIntegral())
        {
            throw new ScenarioException(step.line, "'" + name + "' must be a whole number for type " + step.type);
        }
        return node.asLong();
    }

    private static void optionalWhole(final ScenarioStep step, final String name)
    {
        final JsonNode node = step.fields.get(name);
        if (node != null && (!node.canConvertToExactIntegral() || node.asLong() < 0))
        {
            throw new ScenarioException(step.line, "'" + name + "' must be a whole number >= 0");
        }
    }
}

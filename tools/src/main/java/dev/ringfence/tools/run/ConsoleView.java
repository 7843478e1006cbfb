package dev.ringfence.tools.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The live, readable view of a run: one line per lifecycle event, {@code time TYPE key=value ...}, with
 * heartbeats reduced to the figures a trader watches. Takes the JSON form so both views always agree.
 */
public final class ConsoleView
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final Set<String> HEARTBEAT_FIELDS = Set.of(
        "equity", "peak", "drawdownPercent", "guardState", "openPositions", "pendingOrders", "signalsReceived",
        "tradesExecuted", "tradesFailed", "errors", "terminalConnected", "latencyP50Micros", "latencyP99Micros");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream out;
    private final long originMillis;

    public ConsoleView(final PrintStream out, final long originMillis)
    {
        this.out = out;
        this.originMillis = originMillis;
    }

    public void print(final String jsonLine)
    {
        out.println(line(jsonLine, originMillis));
    }

    /** The readable line of one event's JSON: {@code time TYPE key=value ...}. */
    public static String line(final String jsonLine, final long originMillis)
    {
        try
        {
            final JsonNode node = JSON.readTree(jsonLine);
            final String type = node.get("type").asText();
            final StringBuilder line = new StringBuilder(160);
            line.append(TIME.format(Instant.ofEpochMilli(originMillis + node.get("t").asLong()))).append(' ');
            line.append(String.format("%-21s", type));
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext())
            {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String name = field.getKey();
                if (name.equals("t") || name.equals("type") || (type.equals("HEARTBEAT") && !HEARTBEAT_FIELDS.contains(name)))
                {
                    continue;
                }
                line.append(' ').append(name).append('=').append(field.getValue().asText());
            }
            return line.toString();
        }
        catch (final Exception ex)
        {
            return jsonLine;
        }
    }
}

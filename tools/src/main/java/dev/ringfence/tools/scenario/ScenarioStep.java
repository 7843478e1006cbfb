package dev.ringfence.tools.scenario;

import com.fasterxml.jackson.databind.JsonNode;

/** One timed line of a scenario: its line number, time (ms since start), type and the parsed object. */
public final class ScenarioStep
{
    public final int line;
    public final long t;
    public final String type;
    public final JsonNode fields;

    ScenarioStep(final int line, final long t, final String type, final JsonNode fields)
    {
        this.line = line;
        this.t = t;
        this.type = type;
        this.fields = fields;
    }

    String text(final String name)
    {
        return fields.get(name).asText();
    }

    double number(final String name)
    {
        return fields.get(name).asDouble();
    }

    /** An optional number, or {@code fallback} when absent. */
    double number(final String name, final double fallback)
    {
        final JsonNode node = fields.get(name);
        return node == null || node.isNull() ? fallback : node.asDouble();
    }

    long integer(final String name, final long fallback)
    {
        final JsonNode node = fields.get(name);
        return node == null || node.isNull() ? fallback : node.asLong();
    }

    boolean bool(final String name, final boolean fallback)
    {
        final JsonNode node = fields.get(name);
        return node == null || node.isNull() ? fallback : node.asBoolean();
    }
}

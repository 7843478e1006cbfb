package dev.ringfence.tools.http;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ringfence.tools.LifecycleJson;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** The JSON the HTTP API reads (strict) and the pieces of JSON it writes by hand. */
final class HttpJson
{
    /** Strict JSON: a repeated key or anything after the one object is a client error, never "the last wins". */
    static final ObjectMapper JSON = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private HttpJson()
    {
    }

    static String quote(final String text)
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

    /** A double as the terminal gave it (no rounding, no exponent), or null when it is not finite. */
    static String exact(final double value)
    {
        return Double.isFinite(value) ? LifecycleJson.plain(value) : "null";
    }

    static String num(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }

    static String list(final List<String> names)
    {
        final StringBuilder json = new StringBuilder("[");
        for (final String name : names)
        {
            json.append(json.length() == 1 ? "" : ",").append(quote(name));
        }
        return json.append(']').toString();
    }

    static String error(final Throwable ex)
    {
        return "{\"error\":" + quote(ex.toString()) + "}";
    }
}

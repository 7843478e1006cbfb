package dev.ringfence.tools.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.Signals;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.logic.TokenBucket;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Promise;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.ringfence.tools.http.HttpJson.JSON;
import static dev.ringfence.tools.http.HttpJson.quote;

/**
 * {@code POST /signals}: signed signal ingress. A request holds one of {@link HttpConfig#maxConcurrentSignals}
 * permits (503 when none is free, never a queue) while its body arrives asynchronously within the read
 * timeout (408); then the signature (401), the strict JSON (400), the id's uniqueness (409), the rate
 * limit (429) and the ring's room (503) decide, and an accepted signal is published onto the inbound ring.
 */
final class SignalIngress
{
    private static final Set<String> SIGNAL_FIELDS = Set.of("id", "symbol", "side", "volume", "sl", "tp", "ttlMillis");

    private final HttpConfig config;
    private final SymbolTable symbols;
    private final Signals inbound;
    /** Signal requests in progress (body reads included); never more than configured, never waiting. */
    private final Semaphore signalPermits;
    /**
     * Signal ids accepted onto the ring, or reserved by a request about to publish: the reservation is
     * taken atomically (check and insert under one lock), so two concurrent requests with one id get 202
     * and 409, never 202 twice; a request that does not publish gives its reservation back.
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
     * Accepted signals per second, the engine's own token bucket on a monotonic clock, a second's worth
     * (at least one) in a burst; guarded by its own lock.
     */
    private final TokenBucket rateLimit;

    SignalIngress(final HttpConfig config, final SymbolTable symbols, final Signals inbound)
    {
        this.config = config;
        this.symbols = symbols;
        this.inbound = inbound;
        this.signalPermits = new Semaphore(config.maxConcurrentSignals);
        this.rateLimit = new TokenBucket(config.requestsPerSecond, (int)Math.max(1, Math.min(Integer.MAX_VALUE, config.requestsPerSecond)));
    }

    void handle(final Exchange exchange)
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
                    exchange.reply(500, HttpJson.error(ex));
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
        final String authProblem =
            SignalSignature.check(config, timestamp, exchange.header("X-Ringfence-Signature"), body, arrivalMillis);
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
        if (!reserve(id))
        {
            exchange.reply(409, "{\"error\":\"duplicate signal id\",\"signalId\":" + quote(id) + "}");
            return;
        }
        if (!takeToken())
        {
            forget(id);
            exchange.reply(429, "{\"error\":\"rate limited: at most " + config.requestsPerSecond + " signals per second\"}");
            return;
        }
        // The signal's age counts from its signed time (within the signature window), never from its
        // arrival; a time ahead of this clock counts as now, so skew cannot stretch a signal's life.
        final long sourceMillis = Math.min(SignalSignature.signedMillis(timestamp), arrivalMillis);
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

    /** Takes the id for this request, atomically; false when it is accepted or reserved already. */
    private boolean reserve(final String id)
    {
        synchronized (acceptedIds)
        {
            return acceptedIds.putIfAbsent(id, Boolean.TRUE) == null;
        }
    }

    private void forget(final String id)
    {
        synchronized (acceptedIds)
        {
            acceptedIds.remove(id);
        }
    }

    private boolean takeToken()
    {
        synchronized (rateLimit)
        {
            return rateLimit.tryTake(TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
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
}

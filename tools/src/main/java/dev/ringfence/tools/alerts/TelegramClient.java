package dev.ringfence.tools.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Bot API calls Ringfence makes, {@code sendMessage}, {@code getUpdates} and {@code getMe}, over one
 * {@link HttpClient}; the base URL is configurable ({@code alerts.telegram.baseUrl}) so tests use a local fake.
 * Callers get the HTTP status and body and decide themselves what a failure means.
 */
public final class TelegramClient
{
    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TelegramClient(final String baseUrl, final String token)
    {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** {@code sendMessage} of plain text to one chat. */
    public HttpResponse<String> sendMessage(final String chatId, final String text) throws IOException, InterruptedException
    {
        final String body = JSON.createObjectNode().put("chat_id", chatId).put("text", text).toString();
        return post("sendMessage", body, Duration.ofSeconds(10));
    }

    /** {@code getUpdates} long poll: messages only, from {@code offset}, waiting up to {@code timeoutSeconds}. */
    public HttpResponse<String> getUpdates(final long offset, final int timeoutSeconds) throws IOException, InterruptedException
    {
        final String body = JSON.createObjectNode().put("offset", offset).put("timeout", timeoutSeconds)
            .put("limit", 100).set("allowed_updates", JSON.createArrayNode().add("message")).toString();
        return post("getUpdates", body, Duration.ofSeconds(timeoutSeconds + 10L));
    }

    /** {@code getMe}: the bot's own identity (its {@code username} tells which {@code /cmd@name} is addressed to it). */
    public HttpResponse<String> getMe() throws IOException, InterruptedException
    {
        return post("getMe", "{}", Duration.ofSeconds(10));
    }

    /**
     * The bot's username from a {@code getMe} answer ({@code result.username}), or {@code null} when the answer
     * is not an ok one or carries no username.
     */
    public static String username(final HttpResponse<String> response)
    {
        if (response.statusCode() != 200)
        {
            return null;
        }
        try
        {
            final JsonNode root = JSON.readTree(response.body());
            if (root == null || !root.path("ok").asBoolean(false))
            {
                return null;
            }
            final String name = root.path("result").path("username").asText("");
            return name.isEmpty() ? null : name;
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    private HttpResponse<String> post(final String method, final String body, final Duration timeout)
        throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/bot" + token + "/" + method))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Longest wait a 429 may impose: a larger (or absurd) {@code retry_after} must not park a thread for good. */
    static final long MAX_RETRY_AFTER_SECONDS = 60;

    /** A 429's {@code parameters.retry_after} in seconds, within 1..60 (1 when the body says nothing usable). */
    public static long retryAfterSeconds(final String body)
    {
        try
        {
            final JsonNode parameters = JSON.readTree(body).path("parameters");
            return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, parameters.path("retry_after").asLong(1)));
        }
        catch (final IOException | RuntimeException ex)
        {
            return 1;
        }
    }
}

package dev.ringfence.tools;

import dev.ringfence.tools.http.HttpApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code ringfence signal send}: signs a signal with the ingress secret, posts it, prints the answer. */
@Command(
    name = "signal",
    mixinStandardHelpOptions = true,
    description = "Signals for a running engine.",
    subcommands = SignalSendCommand.Send.class)
public final class SignalSendCommand implements Runnable
{
    @Override
    public void run()
    {
        System.out.println("use: ringfence signal send --help");
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
        description = "Signs (HMAC-SHA256 with ingress.hmacSecret) and sends one signal to POST /signals; prints the status and the answer. Exit 0 for 202, 1 otherwise.")
    static final class Send implements Callable<Integer>
    {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The engine's HTTP address (default: ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--secret", required = true, description = "The ingress secret (ingress.hmacSecret).")
        String secret;

        @Option(names = "--symbol", required = true)
        String symbol;

        @Option(names = "--side", required = true, description = "BUY or SELL.")
        String side;

        @Option(names = "--volume", required = true, description = "Lots.")
        double volume;

        @Option(names = "--id", description = "The signal id (default: a new random id).")
        String id;

        @Option(names = "--sl", description = "Stop loss price.")
        Double stopLoss;

        @Option(names = "--tp", description = "Take profit price.")
        Double takeProfit;

        @Option(names = "--ttl-millis", description = "Time to live.")
        Long ttlMillis;

        @Override
        public Integer call() throws Exception
        {
            final StringBuilder body = new StringBuilder(128);
            body.append("{\"id\":\"").append(id != null ? id : UUID.randomUUID()).append("\",\"symbol\":\"").append(symbol)
                .append("\",\"side\":\"").append(side.toUpperCase(Locale.ROOT)).append("\",\"volume\":").append(volume);
            if (stopLoss != null)
            {
                body.append(",\"sl\":").append(stopLoss);
            }
            if (takeProfit != null)
            {
                body.append(",\"tp\":").append(takeProfit);
            }
            if (ttlMillis != null)
            {
                body.append(",\"ttlMillis\":").append(ttlMillis);
            }
            body.append('}');
            final byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            // Milliseconds, so that the signal's age (counted from this signed time) is exact.
            final long nowMillis = System.currentTimeMillis();
            final String timestamp = String.format(Locale.ROOT, "%d.%03d", nowMillis / 1000, nowMillis % 1000);
            final HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/signals"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Ringfence-Timestamp", timestamp)
                .header("X-Ringfence-Signature", HttpApi.sign(secret, timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
            final HttpResponse<String> response;
            try
            {
                response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            }
            catch (final IOException ex)
            {
                System.err.println("ringfence signal send: cannot reach " + url + ": " + ex.getMessage());
                return 1;
            }
            System.out.println(response.statusCode() + " " + response.body());
            return response.statusCode() == 202 ? 0 : 1;
        }
    }
}

package dev.ringfence.tools.run;

import dev.ringfence.tools.http.HttpConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;

/** What a run tells the operator about its HTTP API: where it serves and what is off, or why it cannot serve. */
final class HttpMessages
{
    private HttpMessages()
    {
    }

    /** The two lines of a started API: its endpoints (saying which are disabled and why), and the console's URL. */
    static void serving(final PrintStream console, final HttpConfig http, final int port)
    {
        console.println("http: " + http.bind + ":" + port + " (POST /signals" +
            (http.hmacSecret.isEmpty() ? " disabled: no ingress.hmacSecret" : "") + ", /admin/*" +
            (http.adminToken.isEmpty() ? " disabled: no admin.token" : "") + ", GET /status, /health, /metrics)");
        console.println("console: http://" + hostForUrl(http.bind) + ":" + port + "/");
    }

    /** Why the API could not start, and what to do. */
    static String notServed(final HttpConfig http, final IOException ex)
    {
        // Jetty reports a taken port as an IOException whose cause is the BindException.
        final boolean taken = ex instanceof BindException || ex.getCause() instanceof BindException ||
            String.valueOf(ex.getMessage()).contains("Failed to bind");
        return "cannot serve the HTTP API on " + http.bind + ":" + http.port +
            " (http.bind, http.port): " + (taken ? "the port is in use. Another process (another ringfence?) holds it: stop it, " +
            "or choose another with --set http.port=N (0 picks a free one), or --set http.enabled=false." : ex.getMessage() +
            ". Check that http.bind is an address of this machine, or choose another port with --set http.port=N.");
    }

    /** The host part of a URL for a bind address: a wildcard becomes loopback, IPv6 goes in brackets. */
    static String hostForUrl(final String bind)
    {
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.isEmpty())
        {
            return "127.0.0.1";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}

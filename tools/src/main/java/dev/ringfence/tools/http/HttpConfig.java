package dev.ringfence.tools.http;

/** Settings of the HTTP API (keys under {@code http.}, {@code ingress.} and {@code admin.}). */
public final class HttpConfig
{
    /** {@code http.enabled}. */
    public boolean enabled = true;
    /** {@code http.bind}. */
    public String bind = "127.0.0.1";
    /** {@code http.port}: 0 picks a free port. */
    public int port = 8080;
    /**
     * {@code http.readTimeoutMillis}: the longest a connection may take to deliver a request's headers
     * (from its opening or its previous response) and, separately, its body; also the idle timeout.
     * Slower connections are closed (408 for a late body), never waited for on a thread.
     */
    public long readTimeoutMillis = 5_000;
    /** {@code http.maxThreads}: the server's bounded thread pool (its acceptor and selector included). */
    public int maxThreads = 16;
    /**
     * {@code ingress.maxConcurrent}: signal requests handled at once (their bodies being read included);
     * more get 503 at once, so signal ingress can never take the threads the operator and health need.
     */
    public int maxConcurrentSignals = 4;
    /** {@code ingress.hmacSecret}: signs POST /signals; empty disables signal ingress (403). */
    public String hmacSecret = "";
    /** {@code ingress.maxBodyBytes}: larger bodies get 413. */
    public int maxBodyBytes = 4096;
    /** {@code ingress.requestsPerSecond}: accepted signal requests per second before 429. */
    public double requestsPerSecond = 50;
    /** {@code ingress.timestampWindowSeconds}: signed timestamps further off than this get 401. */
    public long timestampWindowSeconds = 300;
    /** {@code admin.token}: the operator's bearer token; empty disables the admin API (403). */
    public String adminToken = "";
    /** {@code admin.answerTimeoutMillis}: how long an operator request waits for its own command's outcome. */
    public long adminAnswerTimeoutMillis = 2_000;
}

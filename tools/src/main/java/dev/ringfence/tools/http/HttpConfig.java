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
}

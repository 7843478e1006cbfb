package dev.ringfence.gateway.bridge;

/**
 * A token bucket on refused handshakes (wrong secret, wrong login, garbage before HELLO): each refusal
 * costs a token, tokens come back at {@code perSecond}, the bucket holds {@code perSecond} (at least
 * one). While it is empty the gateway stops accepting connections; they wait in the kernel's backlog,
 * so a guesser gets at most {@code perSecond} answers a second, and a real terminal is only delayed.
 * A refusal may take the bucket into debt (refusals of connections accepted before the pause), so the
 * long-run rate holds. Pure integer arithmetic (in millionths of a token) on the time it is given: I/O
 * thread only, no clock of its own.
 */
final class HandshakeThrottle
{
    private static final long TOKEN = 1_000_000;

    private final long refillPerMillis;
    private final long capacity;
    private long tokens;
    private long lastRefillMillis = Long.MIN_VALUE;

    HandshakeThrottle(final double perSecond)
    {
        this.refillPerMillis = Math.max(1, Math.round(perSecond * TOKEN / 1_000.0));
        this.capacity = Math.max(TOKEN, Math.round(perSecond * TOKEN));
        this.tokens = capacity;
    }

    /** One refused handshake at {@code nowMillis}. */
    void onRefused(final long nowMillis)
    {
        refill(nowMillis);
        tokens -= TOKEN;
    }

    /** Whether a new connection may be accepted at {@code nowMillis}. */
    boolean mayAccept(final long nowMillis)
    {
        refill(nowMillis);
        return tokens >= TOKEN;
    }

    /** When {@link #mayAccept} will next be true (now if it already is). */
    long acceptAgainAtMillis(final long nowMillis)
    {
        refill(nowMillis);
        return tokens >= TOKEN ? nowMillis : nowMillis + (TOKEN - tokens + refillPerMillis - 1) / refillPerMillis;
    }

    private void refill(final long nowMillis)
    {
        if (lastRefillMillis != Long.MIN_VALUE && nowMillis > lastRefillMillis)
        {
            tokens = Math.min(capacity, tokens + Math.min(nowMillis - lastRefillMillis, capacity) * refillPerMillis);
        }
        if (nowMillis > lastRefillMillis)
        {
            lastRefillMillis = nowMillis;
        }
    }
}

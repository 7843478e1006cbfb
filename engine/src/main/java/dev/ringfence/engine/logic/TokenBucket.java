package dev.ringfence.engine.logic;

/**
 * A token bucket refilled on the time it is given: the engine's order rate limit (event time, owned by the
 * business thread) and the HTTP signal ingress's (a monotonic clock, behind a lock). Not thread-safe itself.
 */
public final class TokenBucket
{
    private final double capacity;
    private final double tokensPerMilli;
    private double tokens;
    private long lastRefillMillis = Long.MIN_VALUE;

    public TokenBucket(final double tokensPerSecond, final int capacity)
    {
        this.capacity = capacity;
        this.tokensPerMilli = tokensPerSecond / 1000.0;
        this.tokens = capacity;
    }

    public boolean tryTake(final long nowMillis)
    {
        if (lastRefillMillis != Long.MIN_VALUE && nowMillis > lastRefillMillis)
        {
            tokens = Math.min(capacity, tokens + (nowMillis - lastRefillMillis) * tokensPerMilli);
        }
        lastRefillMillis = Math.max(lastRefillMillis, nowMillis);
        if (tokens >= 1.0)
        {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}

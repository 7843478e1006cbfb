package dev.ringfence.engine.logic;

/** The order rate limit: a token bucket refilled on event time. Owned by the business thread. */
final class TokenBucket
{
    private final double capacity;
    private final double tokensPerMilli;
    private double tokens;
    private long lastRefillMillis = Long.MIN_VALUE;

    TokenBucket(final double tokensPerSecond, final int capacity)
    {
        this.capacity = capacity;
        this.tokensPerMilli = tokensPerSecond / 1000.0;
        this.tokens = capacity;
    }

    boolean tryTake(final long nowMillis)
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

package dev.ringfence.tools.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of operator commands, shared by every port that issues them (the HTTP API, Telegram): unique in the
 * process, and across restarts (seeded from the wall clock in microseconds), so an outcome on the
 * {@code StatusBoard} answers one command only and an outcome replayed from the journal never a new one.
 */
public final class CommandIds
{
    private static final AtomicLong LAST = new AtomicLong(System.currentTimeMillis() * 1_000);

    private CommandIds()
    {
    }

    public static long next()
    {
        return LAST.incrementAndGet();
    }
}

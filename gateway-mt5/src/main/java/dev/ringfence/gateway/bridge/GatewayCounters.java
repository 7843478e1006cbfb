package dev.ringfence.gateway.bridge;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the gateway counts and last saw. Written on the gateway thread only, read by any thread (metrics,
 * tests) through the getters: atomics and volatiles, nothing else is shared.
 */
public final class GatewayCounters
{
    final AtomicLong protocolErrors = new AtomicLong();
    final AtomicLongArray refusedHandshakes = new AtomicLongArray(Gateway.HandshakeRefusal.values().length);
    final AtomicLong acceptPauses = new AtomicLong();
    final AtomicLong unknownSymbols = new AtomicLong();
    final AtomicLong badSymbols = new AtomicLong();
    final AtomicLong commandsDroppedDisconnected = new AtomicLong();
    final AtomicLong sessions = new AtomicLong();
    final AtomicLong threadFailures = new AtomicLong();
    /** Times reading the terminal's socket paused because the engine's inbound ring was full. */
    final AtomicLong readPausesRingFull = new AtomicLong();
    /** The broker's name of each configured symbol, as the terminal of the current session reported it ("" before). */
    final AtomicReferenceArray<String> brokerSymbols;

    volatile boolean terminalConnected;
    volatile int pendingHandshakes;
    volatile long lastRoundTripNanos = -1;
    volatile String lastRefusal = "";

    GatewayCounters(final int symbolCount)
    {
        brokerSymbols = new AtomicReferenceArray<>(symbolCount);
        for (int i = 0; i < symbolCount; i++)
        {
            brokerSymbols.set(i, "");
        }
    }

    public boolean isTerminalConnected()
    {
        return terminalConnected;
    }

    /** Failures caught on the gateway thread (each closed one connection), plus a fatal one if it stopped. */
    public long threadFailures()
    {
        return threadFailures.get();
    }

    /** Malformed or unexpected frames; each closed its connection. */
    public long protocolErrors()
    {
        return protocolErrors.get();
    }

    /** Handshakes that did not make a session, every reason together. */
    public long refusedHandshakes()
    {
        long total = 0;
        for (int i = 0; i < refusedHandshakes.length(); i++)
        {
            total += refusedHandshakes.get(i);
        }
        return total;
    }

    public long refusedHandshakes(final Gateway.HandshakeRefusal why)
    {
        return refusedHandshakes.get(why.ordinal());
    }

    /** Times accepting paused because refused handshakes came faster than {@code gateway.refusedHandshakesPerSecond}. */
    public long acceptPauses()
    {
        return acceptPauses.get();
    }

    /** Times the gateway stopped reading the terminal because the engine's inbound ring was full. */
    public long readPausesRingFull()
    {
        return readPausesRingFull.get();
    }

    /** Connections accepted that have not sent their HELLO yet. */
    public int pendingHandshakes()
    {
        return pendingHandshakes;
    }

    /** Ticks, specs and positions in symbols the engine does not know. */
    public long unknownSymbols()
    {
        return unknownSymbols.get();
    }

    /** SYMBOL specs refused (ERROR 18 BAD_SYMBOL): not passed to the engine, entries on that symbol denied. */
    public long badSymbols()
    {
        return badSymbols.get();
    }

    /** The broker's name of a configured symbol, as the current session's terminal reported it ("" before it did). */
    public String brokerSymbol(final int symbolId)
    {
        return symbolId >= 0 && symbolId < brokerSymbols.length() ? brokerSymbols.get(symbolId) : "";
    }

    /** Engine commands dropped because no terminal was connected (the engine's timeouts and lookups take over). */
    public long commandsDroppedWhileDisconnected()
    {
        return commandsDroppedDisconnected.get();
    }

    /** Terminal sessions started (accepted HELLOs). */
    public long sessions()
    {
        return sessions.get();
    }

    /** Round trip of the last heartbeat the terminal echoed, nanoseconds; -1 before the first. */
    public long lastRoundTripNanos()
    {
        return lastRoundTripNanos;
    }

    /** The last refusal or protocol error, in words ("" before the first). */
    public String lastRefusal()
    {
        return lastRefusal;
    }
}

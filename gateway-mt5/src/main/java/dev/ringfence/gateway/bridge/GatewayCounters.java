package dev.ringfence.gateway.bridge;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the gateway counts and last saw. Written on the gateway thread only, read by any thread (metrics,
 * tests) through {@link Gateway}'s views: atomics and volatiles, nothing else is shared.
 */
final class GatewayCounters
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

    long refusedHandshakesTotal()
    {
        long total = 0;
        for (int i = 0; i < refusedHandshakes.length(); i++)
        {
            total += refusedHandshakes.get(i);
        }
        return total;
    }
}

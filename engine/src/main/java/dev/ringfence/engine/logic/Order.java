package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.Side;

/** One in-flight order, entry or close. Pooled by {@link OrderBook}; fields are reset on reuse. */
final class Order
{
    enum Kind
    {
        ENTRY,
        CLOSE
    }

    enum Status
    {
        /** Sent, waiting for the terminal's answer until {@code deadlineMillis}. */
        PENDING,
        /** A retryable answer came back; resend at {@code deadlineMillis}. */
        RETRY_WAIT,
        /** The outcome is ambiguous; a lookup by magic is under way, repeated at {@code deadlineMillis}. */
        UNKNOWN,
        /** The market was closed (10018): parked until a tick of its symbol, at most until {@code windowEndsMillis}. */
        MARKET_CLOSED
    }

    Kind kind;
    Status status;
    long clientOrderId;
    String signalId;
    int symbolId;
    Side side;
    double volume;
    double stopLoss;
    double takeProfit;
    /** For closes: the position's ticket. */
    long ticket;
    int attempts;
    long deadlineMillis;
    int lastRetcode;
    /** Entries: the end of the signal's own window (source time plus its ttl or the default maximum age). */
    long windowEndsMillis;
    /** Entries: the wait before asking again after a LOOKUP_PENDING answer (0 before the first). */
    long lookupBackoffMillis;

    void reset()
    {
        kind = null;
        status = null;
        clientOrderId = 0;
        signalId = null;
        symbolId = -1;
        side = null;
        volume = 0;
        stopLoss = 0;
        takeProfit = 0;
        ticket = 0;
        attempts = 0;
        deadlineMillis = 0;
        lastRetcode = 0;
        windowEndsMillis = 0;
        lookupBackoffMillis = 0;
    }
}

package dev.ringfence.journal;

import dev.ringfence.engine.event.Side;

/** An outbound order command as recorded in the output journal. Reused by readers. */
public final class JournalCommand
{
    public static final byte PLACE_ORDER = 1;
    public static final byte CLOSE_POSITION = 2;
    public static final byte RESYNC = 3;

    public byte type;
    public long timeMillis;
    public long clientOrderId;
    public long ticket;
    public int symbolId;
    public Side side;
    public double volume;
    public double stopLoss;
    public double takeProfit;
    public long expiresAtMillis;

    public String typeName()
    {
        switch (type)
        {
            case PLACE_ORDER: return "PLACE_ORDER";
            case CLOSE_POSITION: return "CLOSE_POSITION";
            case RESYNC: return "RESYNC";
            default: return "UNKNOWN";
        }
    }

    /** Same command (time excluded: replay compares decisions, which carry their own event times). */
    public boolean sameAs(final JournalCommand o)
    {
        return type == o.type && clientOrderId == o.clientOrderId && ticket == o.ticket && symbolId == o.symbolId &&
            side == o.side && volume == o.volume && stopLoss == o.stopLoss && takeProfit == o.takeProfit &&
            expiresAtMillis == o.expiresAtMillis;
    }

    public void copyFrom(final JournalCommand o)
    {
        type = o.type;
        timeMillis = o.timeMillis;
        clientOrderId = o.clientOrderId;
        ticket = o.ticket;
        symbolId = o.symbolId;
        side = o.side;
        volume = o.volume;
        stopLoss = o.stopLoss;
        takeProfit = o.takeProfit;
        expiresAtMillis = o.expiresAtMillis;
    }
}

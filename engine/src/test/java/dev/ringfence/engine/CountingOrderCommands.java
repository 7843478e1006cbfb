package dev.ringfence.engine;

import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.event.OrderCommands;
import org.agrona.DirectBuffer;

/** Accepts every command and counts them by type; allocation-free, so the hot-path test can use it too. */
public final class CountingOrderCommands implements OrderCommands
{
    public volatile long places;
    public volatile long closes;
    public volatile long resyncs;
    /** The last close's client order id and ticket, so a test can answer it (decoded in place, no allocation). */
    public long lastCloseClientOrderId;
    public long lastCloseTicket;
    private final ClosePosition.Decoder close = new ClosePosition.Decoder();

    @Override
    public boolean send(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case OrderNew.TYPE:
                places++;
                break;
            case ClosePosition.TYPE:
                closes++;
                close.wrap(buffer, offset);
                lastCloseClientOrderId = close.clientOrderId();
                lastCloseTicket = close.ticket();
                break;
            case Resync.TYPE:
                resyncs++;
                break;
            default:
                throw new IllegalArgumentException("not a command: " + type);
        }
        return true;
    }
}

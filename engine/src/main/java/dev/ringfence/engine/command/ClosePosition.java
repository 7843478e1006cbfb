package dev.ringfence.engine.command;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * CLOSE_POSITION (21), engine to EA: close a position by ticket (never by symbol: on a netting account that could
 * flip it). The symbol is not sent; the ticket names the position.
 */
public final class ClosePosition
{
    public static final int TYPE = 21;

    public static final int CLIENT_ORDER_ID = 0;
    public static final int TICKET = 8;
    /** The volume to close; 0 means the whole position. */
    public static final int VOLUME = 16;
    public static final int LENGTH = 24;

    private ClosePosition()
    {
    }

    /** Writes a CLOSE_POSITION body. */
    public static final class Encoder extends CommandEncoder
    {
        public Encoder()
        {
            super(TYPE, LENGTH);
        }

        public Encoder wrap(final MutableDirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public Encoder clientOrderId(final long value)
        {
            int64(CLIENT_ORDER_ID, value);
            return this;
        }

        public Encoder ticket(final long value)
        {
            int64(TICKET, value);
            return this;
        }

        public Encoder volume(final double value)
        {
            float64(VOLUME, value);
            return this;
        }
    }

    /** Reads a CLOSE_POSITION body. */
    public static final class Decoder extends BodyDecoder
    {
        public Decoder wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long clientOrderId()
        {
            return int64(CLIENT_ORDER_ID);
        }

        public long ticket()
        {
            return int64(TICKET);
        }

        public double volume()
        {
            return float64(VOLUME);
        }
    }
}

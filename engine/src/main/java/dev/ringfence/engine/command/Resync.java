package dev.ringfence.engine.command;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * RESYNC (22), engine to EA: send fresh account and positions snapshots; with a lookup id, also look that order up
 * by magic in positions, orders and recent deals and answer with an ORDER_RESULT (the deal found, or
 * {@code ReturnCodes.NOT_FOUND}).
 */
public final class Resync
{
    public static final int TYPE = 22;

    /** 0: snapshots only. */
    public static final int LOOKUP_CLIENT_ORDER_ID = 0;
    public static final int LENGTH = 8;

    private Resync()
    {
    }

    /** Writes a RESYNC body. */
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

        public Encoder lookupClientOrderId(final long value)
        {
            int64(LOOKUP_CLIENT_ORDER_ID, value);
            return this;
        }
    }

    /** Reads a RESYNC body. */
    public static final class Decoder extends BodyDecoder
    {
        public Decoder wrap(final DirectBuffer buffer, final int bodyOffset)
        {
            set(buffer, bodyOffset);
            return this;
        }

        public long lookupClientOrderId()
        {
            return int64(LOOKUP_CLIENT_ORDER_ID);
        }
    }
}

package dev.ringfence.engine.command;

import dev.ringfence.engine.event.Side;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * ORDER_NEW (20), engine to EA: a market order. Its {@code clientOrderId} becomes the order's magic number, the
 * idempotency key that makes a resend or a replay harmless; the terminal refuses it after {@code expiresAt}.
 */
public final class OrderNew
{
    public static final int TYPE = 20;

    public static final int CLIENT_ORDER_ID = 0;
    /** The engine's name of the symbol, {@link SymbolNames#LENGTH} bytes. */
    public static final int SYMBOL = 8;
    /** {@link #BUY} or {@link #SELL}. */
    public static final int SIDE = 24;
    public static final int RESERVED = 28;
    public static final int VOLUME = 32;
    /** 0: none. */
    public static final int STOP_LOSS = 40;
    /** 0: none. */
    public static final int TAKE_PROFIT = 48;
    /** Event time (epoch ms) after which the terminal must refuse the order. */
    public static final int EXPIRES_AT = 56;
    public static final int LENGTH = 64;

    public static final int BUY = 0;
    public static final int SELL = 1;

    private OrderNew()
    {
    }

    /** Writes an ORDER_NEW body. */
    public static final class Encoder extends CommandEncoder
    {
        private final SymbolNames names;

        public Encoder(final SymbolNames names)
        {
            super(TYPE, LENGTH);
            this.names = names;
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

        public Encoder symbol(final int symbolId)
        {
            symbol(names, SYMBOL, symbolId);
            return this;
        }

        public Encoder side(final Side side)
        {
            int32(SIDE, side == Side.BUY ? BUY : SELL);
            return this;
        }

        public Encoder volume(final double value)
        {
            float64(VOLUME, value);
            return this;
        }

        public Encoder stopLoss(final double value)
        {
            float64(STOP_LOSS, value);
            return this;
        }

        public Encoder takeProfit(final double value)
        {
            float64(TAKE_PROFIT, value);
            return this;
        }

        public Encoder expiresAt(final long epochMillis)
        {
            int64(EXPIRES_AT, epochMillis);
            return this;
        }
    }

    /** Reads an ORDER_NEW body. */
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

        /** The id {@code names} gives the symbol field, or -1 for a name it does not know. */
        public int symbolId(final SymbolNames names)
        {
            return symbolId(names, SYMBOL);
        }

        /** As the Expert Advisor reads it: {@link #BUY} buys, anything else sells. */
        public Side side()
        {
            return int32(SIDE) == BUY ? Side.BUY : Side.SELL;
        }

        public double volume()
        {
            return float64(VOLUME);
        }

        public double stopLoss()
        {
            return float64(STOP_LOSS);
        }

        public double takeProfit()
        {
            return float64(TAKE_PROFIT);
        }

        public long expiresAt()
        {
            return int64(EXPIRES_AT);
        }
    }
}

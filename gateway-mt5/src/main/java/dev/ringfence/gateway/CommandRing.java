package dev.ringfence.gateway;

import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * The outbound command queue from the business thread (the only writer) to whoever talks to the
 * terminal (the only reader): an Agrona one-to-one ring buffer of fixed-layout binary commands, claimed
 * and written in place. A full ring makes {@link OrderCommands} calls return {@code false}, which the
 * business logic counts; it never blocks.
 */
public final class CommandRing implements OrderCommands
{
    public static final int PLACE_ORDER = 1;
    public static final int CLOSE_POSITION = 2;
    public static final int RESYNC = 3;

    private static final int PLACE_LENGTH = 8 + 4 + 4 + 8 + 8 + 8 + 8;
    private static final int CLOSE_LENGTH = 8 + 8 + 4 + 4 + 8;
    private static final int RESYNC_LENGTH = 8;

    private final RingBuffer ring;

    public CommandRing(final int capacityBytes)
    {
        final int capacity = BitUtil.findNextPositivePowerOfTwo(capacityBytes);
        final AtomicBuffer buffer = new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH));
        this.ring = new OneToOneRingBuffer(buffer);
    }

    @Override
    public boolean placeOrder(
        final long clientOrderId,
        final int symbolId,
        final Side side,
        final double volume,
        final double stopLoss,
        final double takeProfit,
        final long expiresAtMillis)
    {
        final int index = ring.tryClaim(PLACE_ORDER, PLACE_LENGTH);
        if (index <= 0)
        {
            return false;
        }
        final AtomicBuffer b = ring.buffer();
        b.putLong(index, clientOrderId);
        b.putInt(index + 8, symbolId);
        b.putInt(index + 12, side.ordinal());
        b.putDouble(index + 16, volume);
        b.putDouble(index + 24, stopLoss);
        b.putDouble(index + 32, takeProfit);
        b.putLong(index + 40, expiresAtMillis);
        ring.commit(index);
        return true;
    }

    @Override
    public boolean closePosition(final long clientOrderId, final long ticket, final int symbolId, final double volume)
    {
        final int index = ring.tryClaim(CLOSE_POSITION, CLOSE_LENGTH);
        if (index <= 0)
        {
            return false;
        }
        final AtomicBuffer b = ring.buffer();
        b.putLong(index, clientOrderId);
        b.putLong(index + 8, ticket);
        b.putInt(index + 16, symbolId);
        b.putInt(index + 20, 0);
        b.putDouble(index + 24, volume);
        ring.commit(index);
        return true;
    }

    @Override
    public boolean resync(final long lookupClientOrderId)
    {
        final int index = ring.tryClaim(RESYNC, RESYNC_LENGTH);
        if (index <= 0)
        {
            return false;
        }
        ring.buffer().putLong(index, lookupClientOrderId);
        ring.commit(index);
        return true;
    }

    /** Delivers queued commands through {@code decoder}, oldest first; returns how many. Reader thread only, allocation-free. */
    public int drainTo(final Decoder decoder)
    {
        return ring.read(decoder);
    }

    /** Receives decoded commands. */
    public interface CommandTarget
    {
        void placeOrder(
            long clientOrderId,
            int symbolId,
            Side side,
            double volume,
            double stopLoss,
            double takeProfit,
            long expiresAtMillis);

        void closePosition(long clientOrderId, long ticket, int symbolId, double volume);

        void resync(long lookupClientOrderId);
    }

    /** Decodes ring messages into calls on a {@link CommandTarget}. Create once per reader and reuse. */
    public static final class Decoder implements MessageHandler
    {
        private static final Side[] SIDES = Side.values();
        private final CommandTarget target;

        public Decoder(final CommandTarget target)
        {
            this.target = target;
        }

        @Override
        public void onMessage(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index, final int length)
        {
            decode(msgTypeId, buffer, index);
        }

        private void decode(final int msgTypeId, final DirectBuffer b, final int index)
        {
            switch (msgTypeId)
            {
                case PLACE_ORDER:
                    target.placeOrder(
                        b.getLong(index),
                        b.getInt(index + 8),
                        SIDES[b.getInt(index + 12)],
                        b.getDouble(index + 16),
                        b.getDouble(index + 24),
                        b.getDouble(index + 32),
                        b.getLong(index + 40));
                    break;
                case CLOSE_POSITION:
                    target.closePosition(b.getLong(index), b.getLong(index + 8), b.getInt(index + 16), b.getDouble(index + 24));
                    break;
                case RESYNC:
                    target.resync(b.getLong(index));
                    break;
                default:
                    throw new IllegalStateException("unknown command type " + msgTypeId);
            }
        }
    }
}

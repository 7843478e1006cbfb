package dev.ringfence.gateway;

import dev.ringfence.engine.event.OrderCommands;
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
 * The outbound command queue from the business thread (the only writer) to whoever talks to the terminal (the only
 * reader): an Agrona one-to-one ring buffer of commands, each one message of its type with the body the business
 * thread encoded, copied as it is. A full ring makes {@link #send} return {@code false}, which the business logic
 * counts; it never blocks.
 */
public final class CommandRing implements OrderCommands
{
    private final RingBuffer ring;
    /** Where {@link #drainTo} delivers; reader thread only. */
    private OrderCommands target;
    private final MessageHandler deliver = (type, buffer, index, length) -> target.send(type, buffer, index, length);

    public CommandRing(final int capacityBytes)
    {
        final int capacity = BitUtil.findNextPositivePowerOfTwo(capacityBytes);
        final AtomicBuffer buffer = new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH));
        this.ring = new OneToOneRingBuffer(buffer);
    }

    /** Writer thread: queues a copy of the command. */
    @Override
    public boolean send(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        return ring.write(type, buffer, offset, length);
    }

    /**
     * Reader thread: hands every queued command to {@code target}, oldest first, the bytes lent for the call as
     * {@link OrderCommands#send} lends them; returns how many. Allocation-free.
     */
    public int drainTo(final OrderCommands target)
    {
        this.target = target;
        return ring.read(deliver);
    }
}

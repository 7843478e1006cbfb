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

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The outbound command queue from the business thread (the only writer) to whoever talks to the terminal (the only
 * reader): an Agrona one-to-one ring buffer of commands, each one message of its type with the body the business
 * thread encoded, copied as it is. A full ring makes {@link #send} return {@code false}, which the business logic
 * counts; it never blocks.
 *
 * <p>A reader may wait for commands in a system call (the gateway waits in its selector): it says so with
 * {@link #readerWaiting} before it checks {@link #isEmpty} and waits, and the writer, after each command, wakes
 * it only while that is said. Each side writes, then reads what the other wrote: the reader's flag is volatile,
 * and the writer fences fully between its command (the ring publishes it with a release store, which a later
 * load may pass) and its read of the flag. So either the reader sees the command or the writer sees the reader
 * waiting: no command waits for the reader's time-out, and the writer makes no system call while the reader is
 * busy.
 */
public final class CommandRing implements OrderCommands
{
    private final RingBuffer ring;
    /** Where {@link #drainTo} delivers; reader thread only. */
    private OrderCommands target;
    private final MessageHandler deliver = (type, buffer, index, length) -> target.send(type, buffer, index, length);
    /** True while the reader waits (or is about to) in a call that {@link #wakeReader} ends. */
    private volatile boolean readerWaiting;
    /** Ends the reader's wait; set once, before the reader first waits. Runs on the writer's thread; must not throw. */
    private volatile Runnable wakeReader = () -> { };

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
        final boolean written = ring.write(type, buffer, offset, length);
        if (written)
        {
            VarHandle.fullFence(); // the command is visible before the flag is read (see the class comment)
            if (readerWaiting)
            {
                wakeReader.run();
            }
        }
        return written;
    }

    /** Before the reader first waits: how a writer ends that wait (it runs on the writer's thread). */
    public void wakeReaderWith(final Runnable wake)
    {
        this.wakeReader = wake;
    }

    /** Reader thread: {@code true} just before it checks {@link #isEmpty} and waits, {@code false} once awake. */
    public void readerWaiting(final boolean waiting)
    {
        this.readerWaiting = waiting;
    }

    /** Reader thread: no command is queued. */
    public boolean isEmpty()
    {
        return ring.size() == 0;
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

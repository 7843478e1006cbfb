package dev.ringfence.gateway.wire;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reassembles frames from a byte stream: frames split across reads, many frames in one read. Each
 * complete, well-formed frame is handed to a {@link FrameHandler} as a view into the receive buffer;
 * the first malformed one stops reading with a negative code (the connection must then be closed).
 * Nothing is allocated after construction. One reader per connection, used by one thread.
 *
 * <p>A handler may {@link #stop()} the reader, typically because it closed the connection: no further
 * frame is delivered, not even the rest of the bytes already read, until {@link #reset()}.
 *
 * <p>A handler may also {@link #pause()} it, because it cannot take the frame now (the engine's ring is full):
 * that frame and every one after it stay in the buffer, and {@link #deliverBuffered} offers them again. The
 * owner should not read the channel while {@link #isPaused()}: the bytes then wait in the kernel, and TCP
 * pushes back on the sender.
 */
public final class FrameReader
{
    public static final int BAD_LENGTH = -1;
    public static final int BAD_VERSION = -2;
    public static final int UNKNOWN_TYPE = -3;
    public static final int WRONG_BODY_LENGTH = -4;
    public static final int END_OF_STREAM = -5;
    /** The reader was stopped (its connection is closed): nothing was read or delivered. */
    public static final int STOPPED = -6;

    /** The name of a negative result, as the ERROR frame's reason carries it. */
    public static String problem(final int result)
    {
        switch (result)
        {
            case BAD_LENGTH: return "BAD_LENGTH";
            case BAD_VERSION: return "VERSION";
            case UNKNOWN_TYPE: return "UNKNOWN_TYPE";
            case WRONG_BODY_LENGTH: return "WRONG_BODY_LENGTH";
            default: return "BAD_FRAME";
        }
    }

    private final ByteBuffer bytes = ByteBuffer.allocateDirect(4 * Wire.MAX_FRAME_LENGTH);
    private final UnsafeBuffer view = new UnsafeBuffer(bytes);
    private boolean stopped;
    private boolean paused;

    /** Receives one frame: its type and where its body starts in {@code buffer}. */
    @FunctionalInterface
    public interface FrameHandler
    {
        void onFrame(int type, UnsafeBuffer buffer, int bodyOffset);
    }

    /** Reads what the channel has and delivers complete frames; returns frames delivered or a negative code. */
    public int readFrom(final ReadableByteChannel channel, final FrameHandler handler) throws IOException
    {
        if (stopped)
        {
            return STOPPED;
        }
        final int read = channel.read(bytes);
        if (read < 0)
        {
            return END_OF_STREAM;
        }
        return deliver(handler);
    }

    /** Appends bytes received some other way (tests, fuzzing), then delivers complete frames. */
    public int offer(final byte[] data, final int offset, final int length, final FrameHandler handler)
    {
        int position = offset;
        int remaining = length;
        int delivered = 0;
        while (remaining > 0)
        {
            if (stopped)
            {
                return delivered == 0 ? STOPPED : delivered;
            }
            final int chunk = Math.min(remaining, bytes.remaining());
            bytes.put(data, position, chunk);
            position += chunk;
            remaining -= chunk;
            final int result = deliver(handler);
            if (result < 0)
            {
                return result;
            }
            delivered += result;
            if (paused)
            {
                return delivered; // the rest of data is not taken
            }
        }
        return delivered;
    }

    /** Delivers again what a paused delivery kept, without reading; returns frames delivered or a negative code. */
    public int deliverBuffered(final FrameHandler handler)
    {
        return stopped ? STOPPED : deliver(handler);
    }

    /**
     * Called from inside {@link FrameHandler#onFrame}: the frame being delivered was not taken. It and the
     * frames after it stay buffered for {@link #deliverBuffered}.
     */
    public void pause()
    {
        paused = true;
    }

    /** True when the last delivery was paused: frames wait in the buffer. */
    public boolean isPaused()
    {
        return paused;
    }

    /**
     * Delivers nothing more, including frames already received; called when the connection is closed,
     * possibly from inside {@link FrameHandler#onFrame}.
     */
    public void stop()
    {
        stopped = true;
        paused = false;
        bytes.clear();
    }

    public boolean isStopped()
    {
        return stopped;
    }

    /** Ready for a new connection: empty, not stopped. */
    public void reset()
    {
        bytes.clear();
        stopped = false;
        paused = false;
    }

    private int deliver(final FrameHandler handler)
    {
        final int limit = bytes.position();
        int position = 0;
        int delivered = 0;
        paused = false;
        while (limit - position >= Wire.HEADER_LENGTH)
        {
            final int length = view.getInt(position, Wire.ORDER);
            if (length < Wire.HEADER_LENGTH || length > Wire.MAX_FRAME_LENGTH)
            {
                return BAD_LENGTH;
            }
            final int type = view.getShort(position + 4, Wire.ORDER) & 0xffff;
            final int version = view.getShort(position + 6, Wire.ORDER) & 0xffff;
            if (version != Wire.VERSION)
            {
                return BAD_VERSION;
            }
            final int bodyLength = Wire.bodyLength(type);
            if (bodyLength < 0)
            {
                return UNKNOWN_TYPE;
            }
            if (length != Wire.HEADER_LENGTH + bodyLength)
            {
                return WRONG_BODY_LENGTH;
            }
            if (limit - position < length)
            {
                break;
            }
            handler.onFrame(type, view, position + Wire.HEADER_LENGTH);
            if (stopped)
            {
                // The handler closed the connection: what is left of this read belongs to no one.
                bytes.clear();
                return delivered + 1;
            }
            if (paused)
            {
                break; // this frame was not taken: it stays, first in the buffer
            }
            position += length;
            delivered++;
        }
        // Keep the partial frame (if any) at the start for the next read.
        if (position > 0)
        {
            final int rest = limit - position;
            view.putBytes(0, view, position, rest);
            bytes.position(rest);
        }
        return delivered;
    }
}

package dev.ringfence.gateway.bridge;

import dev.ringfence.gateway.wire.FrameReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One accepted socket with its own frame reader, pooled and reused (nothing allocated per accept but the
 * JDK's channel). Gateway thread only. Pending until the {@link TerminalSession} takes it as the terminal.
 */
final class Connection
{
    /** Where the frames of every connection go: the gateway decides between handshake and session. */
    @FunctionalInterface
    interface Router
    {
        void onFrame(Connection connection, int type, UnsafeBuffer buffer, int bodyOffset);
    }

    final FrameReader reader = new FrameReader();
    final FrameReader.FrameHandler onFrame;
    SocketChannel channel;
    SelectionKey key;
    long handshakeDeadlineMillis;

    Connection(final Router router)
    {
        this.onFrame = (type, buffer, offset) -> router.onFrame(this, type, buffer, offset);
    }

    void open(final SocketChannel channel, final SelectionKey key, final long handshakeDeadlineMillis)
    {
        reader.reset();
        this.channel = channel;
        this.key = key;
        this.handshakeDeadlineMillis = handshakeDeadlineMillis;
    }

    boolean isOpen()
    {
        return channel != null;
    }

    /** Stops its reader (no frame of the same read is handled after this) and closes the socket. */
    void close()
    {
        reader.stop();
        try
        {
            channel.close();
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
        channel = null;
        key = null;
    }
}

package dev.ringfence.gateway.bridge;

import dev.ringfence.gateway.wire.FrameReader;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.fail;

/** A hand-driven client of the gateway on loopback: writes raw frames, reads what comes back until a deadline. */
final class RawClient implements AutoCloseable
{
    static final long WAIT_MILLIS = 10_000;

    final SocketChannel channel;
    private final FrameReader reader = new FrameReader();
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocate(8192));
    private int written;
    private final Wire.HelloAck helloAck = new Wire.HelloAck();
    private final Wire.Error error = new Wire.Error();
    /** The last HELLO_ACK: 1 accepted, 0 refused, -1 none yet. */
    int accepted = -1;
    String reason = "";
    int heartbeats;
    int errors;
    /** ORDER_NEW, CLOSE_POSITION and RESYNC frames received. */
    int commands;
    /** The codes of the ERROR frames received, in order. */
    final java.util.List<Integer> errorCodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    boolean endOfStream;

    RawClient(final int port) throws IOException
    {
        channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.configureBlocking(false);
    }

    /** Appends a HELLO to what the next {@link #send()} writes. */
    RawClient hello(final String secret)
    {
        written += Wire.hello(out, written, 5001, 1, 0, 2, "test", "USD", secret);
        return this;
    }

    /** Appends any frame: {@code encoder} writes it at the given offset and returns its length. */
    RawClient frame(final java.util.function.ToIntBiFunction<UnsafeBuffer, Integer> encoder)
    {
        written += encoder.applyAsInt(out, written);
        return this;
    }

    /** Writes everything appended so far in one write. */
    RawClient send() throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(out.byteArray(), 0, written);
        while (bytes.hasRemaining())
        {
            channel.write(bytes);
        }
        written = 0;
        return this;
    }

    /** Reads until the gateway answers HELLO_ACK, or fails after the deadline. */
    RawClient awaitAck() throws IOException
    {
        final long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (accepted < 0 && !endOfStream && System.currentTimeMillis() < deadline)
        {
            poll();
        }
        if (accepted < 0)
        {
            fail("no HELLO_ACK" + (endOfStream ? " (closed by the gateway)" : " within " + WAIT_MILLIS + " ms"));
        }
        return this;
    }

    /** Reads until {@code condition} holds, or fails after the deadline. */
    RawClient awaitTrue(final java.util.function.BooleanSupplier condition, final String what) throws IOException
    {
        final long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("waited for " + what);
            }
            poll();
        }
        return this;
    }

    /** Reads for {@code millis}, whatever comes (to see that nothing closes the connection meanwhile). */
    RawClient readFor(final long millis) throws IOException
    {
        final long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until && !endOfStream)
        {
            poll();
        }
        return this;
    }

    /** Reads until the gateway closes the connection, or fails after the deadline. */
    RawClient awaitClosed(final long waitMillis) throws IOException
    {
        final long deadline = System.currentTimeMillis() + waitMillis;
        while (!endOfStream && System.currentTimeMillis() < deadline)
        {
            poll();
        }
        if (!endOfStream)
        {
            fail("the gateway did not close the connection within " + waitMillis + " ms");
        }
        return this;
    }

    /** One non-blocking read; parks briefly when there was nothing. */
    void poll() throws IOException
    {
        final int result;
        try
        {
            result = reader.readFrom(channel, (type, buffer, offset) ->
            {
                if (type == Wire.HELLO_ACK)
                {
                    final Wire.HelloAck ack = helloAck.wrap(buffer, offset);
                    accepted = ack.accepted() ? 1 : 0;
                    reason = ack.reason();
                }
                else if (type == Wire.HEARTBEAT)
                {
                    heartbeats++;
                }
                else if (type == Wire.ORDER_NEW || type == Wire.CLOSE_POSITION || type == Wire.RESYNC)
                {
                    commands++;
                }
                else if (type == Wire.ERROR)
                {
                    errors++;
                    errorCodes.add(error.wrap(buffer, offset).code());
                }
            });
        }
        catch (final IOException ex)
        {
            endOfStream = true; // reset by the peer
            return;
        }
        if (result == FrameReader.END_OF_STREAM)
        {
            endOfStream = true;
        }
        else if (result == 0)
        {
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}

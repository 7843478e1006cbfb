package dev.ringfence.gateway.mql5;

import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntBiFunction;

/**
 * A gateway played by the test over a real loopback socket: it accepts the EA, records every frame the EA
 * sends (each connection's HELLO included), and writes the frames the test scripts, encoded by {@link Wire} (the
 * engine's commands by the engine's own encoders, as the gateway frames them).
 * It answers nothing by itself; {@link #accept()} sends an accepted HELLO_ACK.
 */
final class ScriptedGateway implements AutoCloseable
{
    /** One frame from the EA: its type and body. */
    static final class Frame
    {
        final int type;
        final UnsafeBuffer body;

        Frame(final int type, final byte[] body)
        {
            this.type = type;
            this.body = new UnsafeBuffer(body);
        }

        long longAt(final int offset)
        {
            return body.getLong(offset, Wire.ORDER);
        }

        int intAt(final int offset)
        {
            return body.getInt(offset, Wire.ORDER);
        }

        double doubleAt(final int offset)
        {
            return body.getDouble(offset, Wire.ORDER);
        }
    }

    final List<Frame> received = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private volatile Socket socket;

    ScriptedGateway() throws IOException
    {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final Thread acceptor = new Thread(this::serve, "scripted-gateway");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port()
    {
        return server.getLocalPort();
    }

    private void serve()
    {
        try
        {
            while (!server.isClosed())
            {
                final Socket accepted = server.accept();
                socket = accepted;
                read(accepted);
            }
        }
        catch (final IOException ignored)
        {
            // closed by the test
        }
    }

    private void read(final Socket connection)
    {
        try
        {
            final InputStream in = connection.getInputStream();
            final byte[] header = new byte[Wire.HEADER_LENGTH];
            while (true)
            {
                readFully(in, header);
                final UnsafeBuffer h = new UnsafeBuffer(header);
                final byte[] body = new byte[h.getInt(0, Wire.ORDER) - Wire.HEADER_LENGTH];
                readFully(in, body);
                received.add(new Frame(h.getShort(4, Wire.ORDER), body));
            }
        }
        catch (final IOException ignored)
        {
            // the EA closed the connection; the next one is accepted
        }
    }

    private static void readFully(final InputStream in, final byte[] bytes) throws IOException
    {
        int at = 0;
        while (at < bytes.length)
        {
            final int n = in.read(bytes, at, bytes.length - at);
            if (n < 0)
            {
                throw new EOFException();
            }
            at += n;
        }
    }

    /** Writes frames in one write: each encoder writes one at the offset it is given and returns its length. */
    @SafeVarargs
    final void send(final ToIntBiFunction<UnsafeBuffer, Integer>... frames) throws IOException
    {
        final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocate(Wire.MAX_FRAME_LENGTH * Math.max(1, frames.length)));
        int length = 0;
        for (final ToIntBiFunction<UnsafeBuffer, Integer> frame : frames)
        {
            length += frame.applyAsInt(out, length);
        }
        final OutputStream stream = socket.getOutputStream();
        stream.write(out.byteArray(), 0, length);
        stream.flush();
    }

    /** Writes one frame whose header claims, and whose bytes hold, only {@code bodyLength} bytes of its body. */
    void sendTruncated(final ToIntBiFunction<UnsafeBuffer, Integer> frame, final int bodyLength) throws IOException
    {
        final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocate(Wire.MAX_FRAME_LENGTH));
        frame.applyAsInt(out, 0);
        out.putInt(0, Wire.HEADER_LENGTH + bodyLength, Wire.ORDER);
        final OutputStream stream = socket.getOutputStream();
        stream.write(out.byteArray(), 0, Wire.HEADER_LENGTH + bodyLength);
        stream.flush();
    }

    /** An ORDER_NEW frame: buy {@code volume} EURUSD, no stops, its body written by the engine's encoder. */
    static ToIntBiFunction<UnsafeBuffer, Integer> eurusdBuy(final long clientOrderId, final double volume, final long expiresAt)
    {
        final OrderNew.Encoder order = new OrderNew.Encoder(new SymbolNames(new SymbolTable(List.of(SymbolSpec.standard("EURUSD")))));
        return (b, at) ->
        {
            order.wrap(b, at + Wire.HEADER_LENGTH).clientOrderId(clientOrderId).symbol(0).side(Side.BUY).volume(volume).expiresAt(expiresAt);
            return Wire.header(b, at, Wire.ORDER_NEW);
        };
    }

    void accept() throws IOException
    {
        send((b, at) -> Wire.helloAck(b, at, true, 42, ""));
    }

    void heartbeat() throws IOException
    {
        send((b, at) -> Wire.heartbeat(b, at, Wire.HEARTBEAT, System.nanoTime()));
    }

    List<Frame> ofType(final int type)
    {
        return received.stream().filter(f -> f.type == type).collect(java.util.stream.Collectors.toList());
    }

    boolean connected()
    {
        return socket != null;
    }

    @Override
    public void close() throws IOException
    {
        server.close();
        final Socket s = socket;
        if (s != null)
        {
            s.close();
        }
    }
}

package dev.ringfence.gateway.bridge;

import dev.ringfence.gateway.wire.FrameReader;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The listening socket and the handshakes. An accepted socket is <em>pending</em> until its HELLO; it holds no
 * terminal slot. At most {@code gateway.maxPendingHandshakes} are pending (a new one evicts the oldest), each
 * for at most {@code gateway.handshakeTimeoutMillis}. Only a valid HELLO makes it the {@link TerminalSession}'s
 * terminal; a valid HELLO while a terminal is connected is answered BUSY. Refused handshakes are throttled
 * ({@link HandshakeThrottle}): with no token left, accepting pauses and connections wait in the kernel's backlog.
 * Gateway thread only; the connections are pooled, nothing is allocated per accept but the JDK's channel.
 */
final class Acceptor
{
    private final GatewayConfig config;
    private final GatewayCounters counters;
    private final TerminalSession session;
    private final InboundPublisher publisher;
    private final byte[] secret;
    private final long engineInstance;
    private final HandshakeThrottle throttle;
    private final Wire.Hello hello = new Wire.Hello();
    /** Every socket the gateway holds: the pending handshakes plus at most one terminal. Allocated once. */
    private final Connection[] connections;
    private final ByteBuffer refusalBytes = ByteBuffer.allocateDirect(Wire.MAX_FRAME_LENGTH);
    private final UnsafeBuffer refusal = new UnsafeBuffer(refusalBytes);

    private ServerSocketChannel server;
    private SelectionKey serverKey;
    private Selector selector;
    private int pending;
    private long nextHandshakeDeadlineMillis = Long.MAX_VALUE;
    private long acceptPausedUntilMillis = Long.MIN_VALUE;

    Acceptor(
        final GatewayConfig config, final GatewayCounters counters, final TerminalSession session, final InboundPublisher publisher,
        final long engineInstance, final Connection.Router router)
    {
        this.config = config;
        this.counters = counters;
        this.session = session;
        this.publisher = publisher;
        this.secret = config.secret.getBytes(StandardCharsets.US_ASCII);
        this.engineInstance = engineInstance;
        this.throttle = new HandshakeThrottle(config.refusedHandshakesPerSecond);
        this.connections = new Connection[config.maxPendingHandshakes + 1];
        for (int i = 0; i < connections.length; i++)
        {
            connections[i] = new Connection(router);
        }
    }

    /** Binds the listening socket on {@code selector}; returns the port. */
    int bind(final Selector selector) throws IOException
    {
        this.selector = selector;
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(config.bind, config.port));
        server.configureBlocking(false);
        serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
        return ((InetSocketAddress)server.getLocalAddress()).getPort();
    }

    boolean isServerKey(final SelectionKey key)
    {
        return key == serverKey;
    }

    void accept(final long now) throws IOException
    {
        final SocketChannel channel = server.accept();
        if (channel == null)
        {
            return;
        }
        if (pending >= config.maxPendingHandshakes)
        {
            // The oldest silent socket makes room: a real terminal sends its HELLO as it connects.
            refuse(oldestPending(), Gateway.HandshakeRefusal.PENDING_LIMIT, Wire.ErrorCode.TOO_MANY_HANDSHAKES, "TOO_MANY_HANDSHAKES");
        }
        final Connection connection = freeConnection();
        if (connection == null)
        {
            channel.close();
            throw new IllegalStateException("no free connection slot with " + pending + " pending");
        }
        try
        {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connection.open(channel, channel.register(selector, SelectionKey.OP_READ, connection), now + config.handshakeTimeoutMillis);
        }
        catch (final IOException ex)
        {
            channel.close();
            return;
        }
        pending++;
        counters.pendingHandshakes = pending;
        nextHandshakeDeadlineMillis = Math.min(nextHandshakeDeadlineMillis, connection.handshakeDeadlineMillis);
    }

    /** A pending connection is readable. */
    void read(final Connection connection, final long now)
    {
        final int result;
        try
        {
            result = connection.reader.readFrom(connection.channel, connection.onFrame);
        }
        catch (final IOException ex)
        {
            closePending(connection);
            return;
        }
        if (session.isTerminal(connection))
        {
            session.delivered(connection, now, result); // the HELLO made it the terminal: the rest is the session's
            return;
        }
        if (!connection.isOpen())
        {
            return; // a frame handler closed it, and its reader delivered nothing more
        }
        if (result == FrameReader.END_OF_STREAM)
        {
            closePending(connection);
        }
        else if (result < 0)
        {
            protocolError(connection, now, -result, FrameReader.problem(result));
        }
    }

    /** A frame on a pending connection: only a HELLO is acceptable, and only a valid one takes the slot. */
    void onFrame(final Connection connection, final int type, final UnsafeBuffer b, final int o, final long now)
    {
        if (type != Wire.HELLO)
        {
            protocolError(connection, now, Wire.ErrorCode.HELLO_EXPECTED, "HELLO_EXPECTED");
            return;
        }
        final Wire.Hello h = hello.wrap(b, o);
        final long login = h.login();
        if (!h.secretEquals(secret))
        {
            refuseHello(connection, now, Gateway.HandshakeRefusal.SECRET, login);
        }
        else if (config.login != 0 && login != config.login)
        {
            refuseHello(connection, now, Gateway.HandshakeRefusal.LOGIN, login);
        }
        else if (session.hasTerminal())
        {
            refuseHello(connection, now, Gateway.HandshakeRefusal.BUSY, login);
        }
        else
        {
            pending--;
            counters.pendingHandshakes = pending;
            session.begin(connection, now);
            publisher.newSession();
        }
    }

    /** Counts, tells the peer why when its socket takes it, closes. Garbage before a HELLO costs a throttle token. */
    void protocolError(final Connection connection, final long now, final int code, final String reason)
    {
        counters.protocolErrors.incrementAndGet();
        counters.lastRefusal = "protocol error " + code + ": " + reason;
        writeDirect(connection, Wire.error(refusal, 0, code, reason));
        closePending(connection);
        throttleAfterRefusal(now);
    }

    /** Expired handshakes and the end of an accept pause; returns the work done. */
    int duties(final long now)
    {
        int work = 0;
        if (pending > 0 && now >= nextHandshakeDeadlineMillis)
        {
            work += expireHandshakes(now);
        }
        if (acceptPausedUntilMillis != Long.MIN_VALUE && now >= acceptPausedUntilMillis)
        {
            acceptPausedUntilMillis = Long.MIN_VALUE;
            serverKey.interestOps(SelectionKey.OP_ACCEPT);
            work++;
        }
        return work;
    }

    void closePending(final Connection connection)
    {
        if (connection.isOpen() && !session.isTerminal(connection))
        {
            connection.close();
            pending--;
            counters.pendingHandshakes = pending;
        }
    }

    /** Every pending socket closed (the terminal's is the session's to close), then the listening one. */
    void close()
    {
        for (final Connection connection : connections)
        {
            closePending(connection);
        }
        if (server != null)
        {
            try
            {
                server.close();
            }
            catch (final IOException ignored)
            {
                // closing anyway
            }
        }
    }

    private void refuseHello(final Connection connection, final long now, final Gateway.HandshakeRefusal why, final long login)
    {
        counters.lastRefusal = "refused a terminal (login " + login + "): " + why.name();
        counters.refusedHandshakes.incrementAndGet(why.ordinal());
        writeDirect(connection, Wire.helloAck(refusal, 0, false, engineInstance, why.name()));
        closePending(connection);
        if (why != Gateway.HandshakeRefusal.BUSY)
        {
            throttleAfterRefusal(now); // BUSY came with the right secret: not a guess
        }
    }

    /** Closes a pending connection that never sent its HELLO, telling it why when its socket takes it. */
    private void refuse(final Connection connection, final Gateway.HandshakeRefusal why, final int code, final String reason)
    {
        counters.refusedHandshakes.incrementAndGet(why.ordinal());
        writeDirect(connection, Wire.error(refusal, 0, code, reason));
        closePending(connection);
    }

    /** Each refused guess costs a token; with none left, stop accepting until one is back. */
    private void throttleAfterRefusal(final long now)
    {
        throttle.onRefused(now);
        if (!throttle.mayAccept(now) && acceptPausedUntilMillis == Long.MIN_VALUE)
        {
            counters.acceptPauses.incrementAndGet();
            serverKey.interestOps(0);
            acceptPausedUntilMillis = throttle.acceptAgainAtMillis(now);
        }
        else if (acceptPausedUntilMillis != Long.MIN_VALUE)
        {
            acceptPausedUntilMillis = throttle.acceptAgainAtMillis(now);
        }
    }

    private int expireHandshakes(final long now)
    {
        int expired = 0;
        long next = Long.MAX_VALUE;
        for (final Connection connection : connections)
        {
            if (isPending(connection))
            {
                if (now >= connection.handshakeDeadlineMillis)
                {
                    refuse(connection, Gateway.HandshakeRefusal.TIMEOUT, Wire.ErrorCode.HANDSHAKE_TIMEOUT, "HANDSHAKE_TIMEOUT");
                    expired++;
                }
                else
                {
                    next = Math.min(next, connection.handshakeDeadlineMillis);
                }
            }
        }
        nextHandshakeDeadlineMillis = next;
        return expired;
    }

    private boolean isPending(final Connection connection)
    {
        return connection.isOpen() && !session.isTerminal(connection);
    }

    private Connection oldestPending()
    {
        Connection oldest = null;
        for (final Connection connection : connections)
        {
            if (isPending(connection) && (oldest == null || connection.handshakeDeadlineMillis < oldest.handshakeDeadlineMillis))
            {
                oldest = connection;
            }
        }
        return oldest;
    }

    /** There is always one: at most {@code maxPendingHandshakes} pending plus one terminal (null would be a bug). */
    private Connection freeConnection()
    {
        for (final Connection connection : connections)
        {
            if (!connection.isOpen())
            {
                return connection;
            }
        }
        return null;
    }

    /** Best effort, for a socket about to be closed: one non-blocking write of a small frame. */
    private void writeDirect(final Connection connection, final int length)
    {
        refusalBytes.clear().limit(length);
        try
        {
            connection.channel.write(refusalBytes);
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
    }
}

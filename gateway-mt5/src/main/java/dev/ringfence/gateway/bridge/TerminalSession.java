package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.event.TerminalReports;
import dev.ringfence.gateway.wire.FrameReader;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.function.LongPredicate;

/**
 * The one terminal session: its socket, framing out (one send buffer, flushed once per duty cycle or when
 * full), reading in with back-pressure, heartbeats, the dead-peer deadline, and what the engine is told about
 * the connection. Gateway thread only.
 *
 * <p>Back-pressure: when the engine's ring refuses a frame, the {@link InboundPublisher} pauses the reader; the
 * session then stops reading the socket (no OP_READ), so the terminal's bytes wait in the kernel and TCP pushes
 * back on the terminal. Each duty cycle offers the kept frames again; once they are all taken, reading resumes.
 * Heartbeats and commands go out meanwhile. A paused session is not a silent peer: the dead-peer deadline does
 * not run while the gateway itself is not reading.
 *
 * <p>The engine hears "connected" before any frame of the session and "disconnected" after its last one. A
 * status the ring refuses is owed and published first thing in a later cycle ({@link #settle}); until the
 * "connected" is published no frame is taken and no command is sent.
 */
final class TerminalSession
{
    private final GatewayConfig config;
    private final TerminalReports inbound;
    private final GatewayCounters counters;
    private final LongPredicate engineAlive;
    private final long engineInstance;
    private final ByteBuffer sendBytes = ByteBuffer.allocateDirect(256 * 1024);
    private final UnsafeBuffer send = new UnsafeBuffer(sendBytes);

    /** The connection that completed a valid HELLO, or null. Only it is written through {@link #sendBytes}. */
    private Connection terminal;
    /** The engine was told this session is connected: its frames may be published, commands may go out. */
    private boolean announced;
    private boolean connectOwed;
    /** A previous session's end the ring refused; published before anything of a later session. */
    private boolean disconnectOwed;
    private boolean readPaused;
    private long lastReceivedMillis;
    /** The duty cycle's time, for closes that happen deep in a send. */
    private long cycleMillis;
    private long nextHeartbeatMillis;

    TerminalSession(
        final GatewayConfig config, final TerminalReports inbound, final GatewayCounters counters, final LongPredicate engineAlive,
        final long engineInstance)
    {
        this.config = config;
        this.inbound = inbound;
        this.counters = counters;
        this.engineAlive = engineAlive;
        this.engineInstance = engineInstance;
    }

    boolean isTerminal(final Connection connection)
    {
        return connection != null && connection == terminal;
    }

    boolean hasTerminal()
    {
        return terminal != null;
    }

    Connection connection()
    {
        return terminal;
    }

    /** The engine knows this session is connected: its frames may be published and commands sent to it. */
    boolean isAnnounced()
    {
        return announced;
    }

    /** A valid HELLO: the connection becomes the terminal, is answered HELLO_ACK, and the engine is told (or owed) "connected". */
    void begin(final Connection connection, final long nowMillis)
    {
        terminal = connection;
        sendBytes.clear();
        readPaused = false;
        lastReceivedMillis = nowMillis;
        nextHeartbeatMillis = nowMillis;
        final int at = reserve(Wire.bodyLength(Wire.HELLO_ACK));
        if (at < 0)
        {
            return; // cannot happen on an empty buffer; reserve() closed it if it did
        }
        commit(Wire.helloAck(send, at, true, engineInstance, "OK"));
        counters.sessions.incrementAndGet();
        counters.terminalConnected = true;
        connectOwed = true;
        settle(nowMillis); // told now when the ring has room, so the frames after the HELLO need not wait a cycle
        flush(nowMillis);
    }

    /**
     * True while the session has work to try again that no socket or command wakes the gateway for: the terminal's
     * frames kept back because the engine's ring was full, or a connect or disconnect the engine is still owed.
     */
    boolean isRetrying()
    {
        return readPaused || connectOwed || disconnectOwed;
    }

    /** Publishes what the engine is owed about the connection, oldest first; returns the work done. */
    int settle(final long nowMillis)
    {
        cycleMillis = nowMillis;
        int work = 0;
        if (disconnectOwed)
        {
            if (!inbound.terminalStatus(nowMillis, false))
            {
                return 0;
            }
            disconnectOwed = false;
            work++;
        }
        if (connectOwed && terminal != null)
        {
            if (!inbound.terminalStatus(nowMillis, true))
            {
                return work;
            }
            connectOwed = false;
            announced = true;
            work++;
        }
        return work;
    }

    /** A frame arrived from the terminal. */
    void received(final long nowMillis)
    {
        lastReceivedMillis = nowMillis;
    }

    /** The socket is readable: read and deliver what it has; returns frames delivered. */
    int read(final long nowMillis)
    {
        final Connection connection = terminal;
        final int result;
        try
        {
            result = connection.reader.readFrom(connection.channel, connection.onFrame);
        }
        catch (final IOException ex)
        {
            close(nowMillis);
            return 0;
        }
        return delivered(connection, nowMillis, result);
    }

    /** Heartbeats, kept frames, the dead-peer deadline, the flush; returns the work done. */
    int duties(final long nowMillis, final long nowNanos)
    {
        if (terminal == null)
        {
            return 0;
        }
        int work = 0;
        if (readPaused)
        {
            final Connection connection = terminal;
            work += delivered(connection, nowMillis, connection.reader.deliverBuffered(connection.onFrame));
        }
        if (terminal != null && nowMillis >= nextHeartbeatMillis && engineAlive.test(nowMillis))
        {
            nextHeartbeatMillis = nowMillis + config.heartbeatMillis;
            heartbeat(Wire.HEARTBEAT, nowNanos);
            work++;
        }
        if (terminal != null && !readPaused && nowMillis - lastReceivedMillis > config.deadAfterMillis)
        {
            close(nowMillis);
            return work + 1;
        }
        flush(nowMillis);
        return work;
    }

    /** After frames were delivered (or a read failed): closes, reports, or pauses and resumes reading. */
    int delivered(final Connection connection, final long nowMillis, final int result)
    {
        if (!connection.isOpen())
        {
            return 0; // a frame handler closed it, and its reader delivered nothing more
        }
        if (result == FrameReader.END_OF_STREAM)
        {
            close(nowMillis);
            return 0;
        }
        if (result < 0)
        {
            protocolError(nowMillis, -result, FrameReader.problem(result));
            return 0;
        }
        final boolean paused = connection.reader.isPaused();
        if (paused != readPaused)
        {
            readPaused = paused;
            if (paused)
            {
                counters.readPausesRingFull.incrementAndGet();
            }
            updateInterest();
        }
        return result;
    }

    /** Counts, tells the terminal why, closes. */
    void protocolError(final long nowMillis, final int code, final String reason)
    {
        counters.protocolErrors.incrementAndGet();
        counters.lastRefusal = "protocol error " + code + ": " + reason;
        final int at = reserve(Wire.bodyLength(Wire.ERROR));
        if (at >= 0)
        {
            commit(Wire.error(send, at, code, reason));
            flush(nowMillis);
        }
        close(nowMillis);
    }

    /** The session ends: the socket closes and the engine is told (now, or first thing once the ring takes it). */
    void close(final long nowMillis)
    {
        final Connection connection = terminal;
        if (connection == null)
        {
            return;
        }
        connection.close();
        terminal = null;
        readPaused = false;
        counters.terminalConnected = false;
        sendBytes.clear();
        connectOwed = false;
        if (announced)
        {
            announced = false;
            disconnectOwed = !inbound.terminalStatus(nowMillis, false);
        }
    }

    // ------------------------------------------------------------------ sending

    void heartbeat(final int type, final long nanos)
    {
        final int at = reserve(Wire.bodyLength(type));
        if (at >= 0)
        {
            commit(Wire.heartbeat(send, at, type, nanos));
        }
    }

    void error(final int code, final String reason)
    {
        final int at = reserve(Wire.bodyLength(Wire.ERROR));
        if (at >= 0)
        {
            commit(Wire.error(send, at, code, reason));
        }
    }

    /** The buffer {@link #reserve} positions refer to. */
    UnsafeBuffer buffer()
    {
        return send;
    }

    /** Where to encode a frame in the send buffer, or -1 when there is no terminal (or it was just dropped). */
    int reserve(final int bodyLength)
    {
        if (terminal == null)
        {
            return -1;
        }
        if (sendBytes.remaining() < Wire.HEADER_LENGTH + bodyLength)
        {
            flush(cycleMillis);
            if (terminal != null && sendBytes.remaining() < Wire.HEADER_LENGTH + bodyLength)
            {
                // The terminal has stopped reading: a peer that cannot keep up is a dead peer.
                close(cycleMillis);
            }
            if (terminal == null)
            {
                return -1;
            }
        }
        return sendBytes.position();
    }

    void commit(final int frameLength)
    {
        sendBytes.position(sendBytes.position() + frameLength);
    }

    void flush(final long nowMillis)
    {
        final Connection connection = terminal;
        if (connection == null || sendBytes.position() == 0)
        {
            return;
        }
        sendBytes.flip();
        try
        {
            connection.channel.write(sendBytes);
        }
        catch (final IOException ex)
        {
            sendBytes.clear();
            close(nowMillis);
            return;
        }
        sendBytes.compact();
        updateInterest();
    }

    /** Reads unless paused; writes while bytes wait to leave. */
    private void updateInterest()
    {
        final Connection connection = terminal;
        if (connection != null && connection.key.isValid())
        {
            connection.key.interestOps((readPaused ? 0 : SelectionKey.OP_READ) | (sendBytes.position() > 0 ? SelectionKey.OP_WRITE : 0));
        }
    }
}

package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.InboundEvents;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.wire.FrameReader;
import dev.ringfence.gateway.wire.SymbolNames;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
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
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * The Java side of the bridge (PROTOCOL.md): listens on loopback, serves one terminal at a time, checks
 * its HELLO, turns its frames into inbound events and the engine's commands into frames, exchanges
 * heartbeats and declares a silent terminal gone. One I/O thread, which sleeps in {@code select} when
 * there is nothing to do; it never blocks the business thread, which it reaches only through the ring.
 *
 * <p>Every frame is checked field by field before anything is published: a malformed frame closes the
 * connection (the engine sees the terminal disconnect and reconcile after it comes back), is counted,
 * and never becomes an event.
 */
public final class Gateway implements AutoCloseable
{
    private static final CloseReason[] CLOSE_REASONS = {
        CloseReason.GUARD_FLATTEN, CloseReason.STOP_LOSS, CloseReason.TAKE_PROFIT, CloseReason.MANUAL,
        CloseReason.STOP_OUT, CloseReason.ENGINE, CloseReason.UNKNOWN};

    private final GatewayConfig config;
    private final SymbolTable symbols;
    private final SymbolNames symbolNames;
    private final InboundEvents inbound;
    private final CommandRing commands;
    private final CommandRing.Decoder commandEncoder;
    private final byte[] secret;
    private final long engineInstance = System.nanoTime();
    private final FrameReader.FrameHandler onFrame = this::onFrame;
    /** Whether the engine's business thread is alive; heartbeats stop when it is not. */
    private volatile LongPredicate engineAlive = now -> true;

    private final ByteBuffer sendBytes = ByteBuffer.allocateDirect(256 * 1024);
    private final UnsafeBuffer send = new UnsafeBuffer(sendBytes);
    private final ByteBuffer refusalBytes = ByteBuffer.allocateDirect(Wire.MAX_FRAME_LENGTH);
    private final UnsafeBuffer refusal = new UnsafeBuffer(refusalBytes);

    private ServerSocketChannel server;
    private Selector selector;
    private Thread thread;
    private volatile boolean running;
    private volatile int boundPort;

    // Connection state: I/O thread only.
    private SocketChannel client;
    private SelectionKey clientKey;
    private FrameReader reader;
    private boolean ready;
    private long lastReceivedMillis;
    private long nextHeartbeatMillis;
    private long lastRoundTripNanos = -1;

    // Counters, read by other threads.
    private final AtomicLong protocolErrors = new AtomicLong();
    private final AtomicLong refusedHandshakes = new AtomicLong();
    private final AtomicLong unknownSymbols = new AtomicLong();
    private final AtomicLong commandsDroppedDisconnected = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong ringFullWaits = new AtomicLong();
    private volatile String lastRefusal = "";

    public Gateway(final GatewayConfig config, final SymbolTable symbols, final InboundEvents inbound, final CommandRing commands)
    {
        this.config = config.validate();
        this.symbols = symbols;
        this.symbolNames = new SymbolNames(symbols);
        this.inbound = inbound;
        this.commands = commands;
        this.secret = config.secret.getBytes(StandardCharsets.US_ASCII);
        this.commandEncoder = new CommandRing.Decoder(new CommandEncoder());
    }

    /** Binds and starts the I/O thread; returns the port (useful when configured as 0). */
    public int start() throws IOException
    {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(config.bind, config.port));
        server.configureBlocking(false);
        selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        boundPort = ((InetSocketAddress)server.getLocalAddress()).getPort();
        running = true;
        thread = new Thread(this::run, "ringfence-gateway");
        thread.start();
        return boundPort;
    }

    public int port()
    {
        return boundPort;
    }

    /**
     * Heartbeats to the terminal vouch for the business thread, not just this I/O thread: when
     * {@code alive} is false they stop, and the Expert Advisor sees the engine as silent.
     */
    public Gateway heartbeatOnlyWhile(final LongPredicate alive)
    {
        this.engineAlive = alive;
        return this;
    }

    /**
     * The duty cycle: poll the socket without blocking, move commands and heartbeats, and when there was
     * nothing to do back off (spin, yield, then park up to {@code gateway.idleMaxParkMicros}). A command
     * the engine enqueues is therefore picked up within that bound, without the business thread ever
     * making a system call to wake this one.
     */
    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(
            10, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(config.idleMaxParkMicros));
        try
        {
            while (running)
            {
                int work = selector.selectNow();
                final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext())
                {
                    final SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid())
                    {
                        continue;
                    }
                    if (key.isAcceptable())
                    {
                        accept();
                    }
                    else if (key == clientKey)
                    {
                        if (key.isReadable())
                        {
                            read();
                        }
                        if (clientKey != null && key.isValid() && key.isWritable())
                        {
                            flush();
                        }
                    }
                }
                work += duty(System.currentTimeMillis());
                idle.idle(work);
            }
        }
        catch (final IOException ex)
        {
            if (running)
            {
                System.err.println("ringfence gateway: I/O thread stopped: " + ex);
            }
        }
        finally
        {
            disconnect(System.currentTimeMillis(), null);
        }
    }

    /** Commands out, heartbeats, the dead-peer check; returns the work done (0 = idle). */
    private int duty(final long now)
    {
        final int drained = commands.drainTo(commandEncoder);
        if (client != null)
        {
            if (ready && now >= nextHeartbeatMillis && engineAlive.test(now))
            {
                nextHeartbeatMillis = now + config.heartbeatMillis;
                reserveAndEncode(Wire.HEARTBEAT);
            }
            if (now - lastReceivedMillis > config.deadAfterMillis)
            {
                disconnect(now, "HEARTBEAT_TIMEOUT");
                return drained;
            }
            flush();
        }
        return drained;
    }

    private void accept() throws IOException
    {
        final SocketChannel channel = server.accept();
        if (channel == null)
        {
            return;
        }
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (client != null)
        {
            // One terminal at a time: tell the newcomer why, then close it.
            refusedHandshakes.incrementAndGet();
            final int length = Wire.helloAck(refusal, 0, false, engineInstance, "BUSY");
            refusalBytes.clear().limit(length);
            channel.write(refusalBytes);
            channel.close();
            return;
        }
        client = channel;
        clientKey = channel.register(selector, SelectionKey.OP_READ);
        reader = new FrameReader();
        ready = false;
        lastReceivedMillis = System.currentTimeMillis();
        sendBytes.clear();
    }

    private void read()
    {
        final int result;
        try
        {
            result = reader.readFrom(client, onFrame);
        }
        catch (final IOException ex)
        {
            disconnect(System.currentTimeMillis(), null);
            return;
        }
        if (client == null)
        {
            return; // a frame handler closed it
        }
        if (result == FrameReader.END_OF_STREAM)
        {
            disconnect(System.currentTimeMillis(), null);
        }
        else if (result < 0)
        {
            protocolError(System.currentTimeMillis(), -result, frameProblem(result));
        }
    }

    private void onFrame(final int type, final UnsafeBuffer b, final int o)
    {
        final long now = System.currentTimeMillis();
        lastReceivedMillis = now;
        if (!ready)
        {
            if (type == Wire.HELLO)
            {
                handshake(now, b, o);
            }
            else
            {
                protocolError(now, 10, "HELLO_EXPECTED");
            }
            return;
        }
        switch (type)
        {
            case Wire.HEARTBEAT:
                final long sent = b.getLong(o, Wire.ORDER);
                final int at = reserve(Wire.bodyLength(Wire.HEARTBEAT_ECHO));
                if (at >= 0)
                {
                    commit(Wire.heartbeat(send, at, Wire.HEARTBEAT_ECHO, sent));
                }
                break;
            case Wire.HEARTBEAT_ECHO:
                lastRoundTripNanos = System.nanoTime() - b.getLong(o, Wire.ORDER);
                break;
            case Wire.SYMBOL:
                if (symbolNames.idOf(b, o) < 0)
                {
                    unknownSymbols.incrementAndGet();
                }
                break;
            case Wire.TICK:
                onTick(now, b, o);
                break;
            case Wire.ACCOUNT:
                while (!inbound.account(now, b.getLong(o + 8, Wire.ORDER), b.getDouble(o + 16, Wire.ORDER),
                    b.getDouble(o + 24, Wire.ORDER), b.getDouble(o + 32, Wire.ORDER), b.getDouble(o + 40, Wire.ORDER),
                    b.getInt(o + 48, Wire.ORDER) != 0, b.getLong(o, Wire.ORDER), b.getInt(o + 52, Wire.ORDER)))
                {
                    waitForRing();
                }
                break;
            case Wire.POSITIONS_BEGIN:
                final int count = b.getInt(o + 8, Wire.ORDER);
                if (count < 0 || count > 100_000)
                {
                    protocolError(now, 11, "BAD_POSITION_COUNT");
                    return;
                }
                while (!inbound.positionsBegin(now, count))
                {
                    waitForRing();
                }
                break;
            case Wire.POSITION:
                onPosition(now, b, o);
                break;
            case Wire.ORDER_RESULT:
                while (!inbound.orderResult(now, b.getLong(o + 8, Wire.ORDER), b.getInt(o + 16, Wire.ORDER),
                    b.getLong(o + 24, Wire.ORDER), b.getDouble(o + 32, Wire.ORDER), b.getDouble(o + 40, Wire.ORDER),
                    b.getDouble(o + 48, Wire.ORDER)))
                {
                    waitForRing();
                }
                break;
            case Wire.POSITION_CLOSED:
                final int reason = b.getInt(o + 24, Wire.ORDER);
                while (!inbound.positionClosed(now, b.getLong(o + 8, Wire.ORDER), b.getDouble(o + 16, Wire.ORDER),
                    reason >= 0 && reason < CLOSE_REASONS.length ? CLOSE_REASONS[reason] : CloseReason.UNKNOWN))
                {
                    waitForRing();
                }
                break;
            case Wire.BALANCE_OPERATION:
                final double amount = b.getDouble(o + 8, Wire.ORDER);
                if (!Double.isFinite(amount))
                {
                    protocolError(now, 12, "BAD_BALANCE_AMOUNT");
                    return;
                }
                while (!inbound.balanceOperation(now, amount))
                {
                    waitForRing();
                }
                break;
            case Wire.ERROR:
                lastRefusal = "terminal error " + b.getInt(o, Wire.ORDER) + ": " + Wire.ascii(b, o + 8, Wire.REASON_LENGTH);
                break;
            default:
                protocolError(now, 13, "UNEXPECTED_MESSAGE");
                break;
        }
    }

    private void handshake(final long now, final UnsafeBuffer b, final int o)
    {
        final long login = b.getLong(o, Wire.ORDER);
        String refusedFor = null;
        if (!Wire.secretEquals(b, o + 60, secret))
        {
            refusedFor = "SECRET";
        }
        else if (config.login != 0 && login != config.login)
        {
            refusedFor = "LOGIN";
        }
        final int at = reserve(Wire.bodyLength(Wire.HELLO_ACK));
        commit(Wire.helloAck(send, at, refusedFor == null, engineInstance, refusedFor == null ? "OK" : refusedFor));
        if (refusedFor != null)
        {
            refusedHandshakes.incrementAndGet();
            lastRefusal = "refused a terminal (login " + login + "): " + refusedFor;
            flush();
            disconnect(now, null);
            return;
        }
        ready = true;
        sessions.incrementAndGet();
        nextHeartbeatMillis = now;
        while (!inbound.terminalStatus(now, true))
                {
                    waitForRing();
                }
    }

    private void onTick(final long now, final UnsafeBuffer b, final int o)
    {
        final int symbolId = symbolNames.idOf(b, o + 8);
        final double bid = b.getDouble(o + 24, Wire.ORDER);
        final double ask = b.getDouble(o + 32, Wire.ORDER);
        if (symbolId < 0)
        {
            unknownSymbols.incrementAndGet();
            return;
        }
        if (!(bid > 0) || !(ask >= bid) || Double.isInfinite(ask))
        {
            protocolError(now, 14, "BAD_TICK");
            return;
        }
        while (!inbound.tick(now, symbolId, bid, ask))
                {
                    waitForRing();
                }
    }

    private void onPosition(final long now, final UnsafeBuffer b, final int o)
    {
        final int side = b.getInt(o + 24, Wire.ORDER);
        if (side != 0 && side != 1)
        {
            protocolError(now, 15, "BAD_SIDE");
            return;
        }
        // A position in a symbol the engine does not trade is still exposure: it is published (id -1).
        final int symbolId = symbolNames.idOf(b, o + 8);
        if (symbolId < 0)
        {
            unknownSymbols.incrementAndGet();
        }
        while (!inbound.position(now, b.getLong(o, Wire.ORDER), symbolId, side == 0 ? Side.BUY : Side.SELL,
            b.getDouble(o + 32, Wire.ORDER), b.getDouble(o + 40, Wire.ORDER), b.getDouble(o + 48, Wire.ORDER),
            b.getLong(o + 56, Wire.ORDER)))
                {
                    waitForRing();
                }
    }

    /**
     * A full ring is back-pressure, never a drop: the call is repeated until accepted (nothing was
     * written when it returned false). The business thread always progresses, so this ends; meanwhile
     * the terminal's bytes wait in the socket.
     */
    private void waitForRing()
    {
        ringFullWaits.incrementAndGet();
        Thread.onSpinWait();
    }

    private static String frameProblem(final int result)
    {
        switch (result)
        {
            case FrameReader.BAD_LENGTH: return "BAD_LENGTH";
            case FrameReader.BAD_VERSION: return "VERSION";
            case FrameReader.UNKNOWN_TYPE: return "UNKNOWN_TYPE";
            case FrameReader.WRONG_BODY_LENGTH: return "WRONG_BODY_LENGTH";
            default: return "BAD_FRAME";
        }
    }

    private void protocolError(final long now, final int code, final String reason)
    {
        protocolErrors.incrementAndGet();
        lastRefusal = "protocol error " + code + ": " + reason;
        final int at = reserve(Wire.bodyLength(Wire.ERROR));
        if (at >= 0)
        {
            commit(Wire.error(send, at, code, reason));
            flush();
        }
        disconnect(now, reason);
    }

    private void disconnect(final long now, final String why)
    {
        if (client == null)
        {
            return;
        }
        try
        {
            client.close();
        }
        catch (final IOException ignored)
        {
            // closing anyway
        }
        client = null;
        clientKey = null;
        if (ready)
        {
            ready = false;
            while (!inbound.terminalStatus(now, false))
            {
                Thread.onSpinWait();
            }
        }
    }

    // ------------------------------------------------------------------ sending

    private int reserve(final int bodyLength)
    {
        if (client == null)
        {
            return -1;
        }
        if (sendBytes.remaining() < Wire.HEADER_LENGTH + bodyLength)
        {
            flush();
            if (sendBytes.remaining() < Wire.HEADER_LENGTH + bodyLength)
            {
                // The terminal has stopped reading: a peer that cannot keep up is a dead peer.
                disconnect(System.currentTimeMillis(), "SEND_BUFFER_FULL");
                return -1;
            }
        }
        return sendBytes.position();
    }

    private void commit(final int frameLength)
    {
        sendBytes.position(sendBytes.position() + frameLength);
    }

    private void reserveAndEncode(final int heartbeatType)
    {
        final int at = reserve(Wire.bodyLength(heartbeatType));
        if (at >= 0)
        {
            commit(Wire.heartbeat(send, at, heartbeatType, System.nanoTime()));
        }
    }

    private void flush()
    {
        if (client == null || sendBytes.position() == 0)
        {
            return;
        }
        sendBytes.flip();
        try
        {
            client.write(sendBytes);
        }
        catch (final IOException ex)
        {
            sendBytes.clear();
            disconnect(System.currentTimeMillis(), null);
            return;
        }
        sendBytes.compact();
        if (clientKey != null && clientKey.isValid())
        {
            clientKey.interestOps(sendBytes.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    /** Engine commands, drained from the command ring on the I/O thread, become frames. */
    private final class CommandEncoder implements CommandRing.CommandTarget
    {
        @Override
        public void placeOrder(final long clientOrderId, final int symbolId, final Side side, final double volume,
            final double stopLoss, final double takeProfit, final long expiresAtMillis)
        {
            final int at = ready ? reserve(Wire.bodyLength(Wire.ORDER_NEW)) : -1;
            if (at < 0)
            {
                commandsDroppedDisconnected.incrementAndGet();
                return;
            }
            commit(Wire.orderNew(send, at, clientOrderId, symbols.name(symbolId), side == Side.BUY ? 0 : 1, volume, stopLoss,
                takeProfit, expiresAtMillis));
        }

        @Override
        public void closePosition(final long clientOrderId, final long ticket, final int symbolId, final double volume)
        {
            final int at = ready ? reserve(Wire.bodyLength(Wire.CLOSE_POSITION)) : -1;
            if (at < 0)
            {
                commandsDroppedDisconnected.incrementAndGet();
                return;
            }
            commit(Wire.closePosition(send, at, clientOrderId, ticket, volume));
        }

        @Override
        public void resync(final long lookupClientOrderId)
        {
            final int at = ready ? reserve(Wire.bodyLength(Wire.RESYNC)) : -1;
            if (at < 0)
            {
                commandsDroppedDisconnected.incrementAndGet();
                return;
            }
            commit(Wire.resync(send, at, lookupClientOrderId));
        }
    }

    // ------------------------------------------------------------------ views (any thread)

    public boolean isTerminalConnected()
    {
        return ready;
    }

    public long protocolErrors()
    {
        return protocolErrors.get();
    }

    public long refusedHandshakes()
    {
        return refusedHandshakes.get();
    }

    public long unknownSymbols()
    {
        return unknownSymbols.get();
    }

    public long commandsDroppedWhileDisconnected()
    {
        return commandsDroppedDisconnected.get();
    }

    public long sessions()
    {
        return sessions.get();
    }

    /** Round trip of the last heartbeat, nanoseconds; -1 before the first. */
    public long lastRoundTripNanos()
    {
        return lastRoundTripNanos;
    }

    public String lastRefusal()
    {
        return lastRefusal;
    }

    @Override
    public void close() throws IOException
    {
        running = false;
        if (thread != null)
        {
            try
            {
                thread.join(2_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (selector != null)
        {
            selector.close();
        }
        if (server != null)
        {
            server.close();
        }
    }
}

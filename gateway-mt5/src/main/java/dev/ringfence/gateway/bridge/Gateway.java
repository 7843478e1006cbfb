package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
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
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The Java side of the bridge (PROTOCOL.md): listens on loopback, serves one terminal at a time, checks
 * its HELLO, turns its frames into inbound events and the engine's commands into frames, exchanges
 * heartbeats and declares a silent terminal gone. One I/O thread, which sleeps in {@code select} when
 * there is nothing to do; it never blocks the business thread, which it reaches only through the ring.
 *
 * <p>Every frame is checked field by field before anything is published: a malformed frame closes the
 * connection (the engine sees the terminal disconnect and reconcile after it comes back), is counted,
 * and never becomes an event. A SYMBOL whose spec cannot be traded on is the one refusal that keeps the
 * connection: it is counted, logged, answered ERROR 18 {@code BAD_SYMBOL}, and the engine is told only that
 * it was refused (entries on that symbol are denied), so the other symbols still trade.
 *
 * <p>Handshakes: an accepted socket is <em>pending</em> until its HELLO; it holds no terminal slot. At most
 * {@code gateway.maxPendingHandshakes} are pending (a new one evicts the oldest), each for at most
 * {@code gateway.handshakeTimeoutMillis}. Only a valid HELLO takes the terminal slot; a valid HELLO while
 * a terminal is connected is answered BUSY. Refused handshakes are throttled ({@link HandshakeThrottle}).
 *
 * <p>Failure policy: no exception ends the I/O thread. A failure while serving one connection is counted,
 * reported in one line, closes that connection, and the loop goes on. Only a {@link VirtualMachineError}
 * (the JVM itself is in trouble) ends it; then {@link #isAlive()} turns false and the
 * {@link #onThreadStopped} callback runs.
 */
public final class Gateway implements AutoCloseable
{
    /** Why a handshake did not make a terminal session (the label of the refused-handshake counter). */
    public enum HandshakeRefusal
    {
        /** The HELLO carried the wrong secret. */
        SECRET,
        /** The HELLO reported another account than {@code gateway.login}. */
        LOGIN,
        /** A valid HELLO while a terminal is connected. */
        BUSY,
        /** No HELLO within {@code gateway.handshakeTimeoutMillis}. */
        TIMEOUT,
        /** Evicted, still silent, by a newer connection beyond {@code gateway.maxPendingHandshakes}. */
        PENDING_LIMIT;

        private static final HandshakeRefusal[] VALUES = values();
    }

    private static final long FAILURE_LOG_INTERVAL_MILLIS = 1_000;

    private final GatewayConfig config;
    private final SymbolTable symbols;
    private final SymbolNames symbolNames;
    private final InboundEvents inbound;
    private final CommandRing commands;
    private final CommandRing.Decoder commandEncoder;
    private final byte[] secret;
    private final long engineInstance = System.nanoTime();
    /** Whether the engine's business thread is alive; heartbeats stop when it is not. */
    private volatile LongPredicate engineAlive = now -> true;
    /** Told, on the dying I/O thread, why it stopped (never on an orderly close). */
    private volatile Consumer<String> onThreadStopped = reason -> { };
    /** Where the gateway's lines go (handshakes' symbols, refusals, failures); never blocks. */
    private volatile Consumer<String> log = line -> System.err.println("ringfence gateway: " + line);

    private final ByteBuffer sendBytes = ByteBuffer.allocateDirect(256 * 1024);
    private final UnsafeBuffer send = new UnsafeBuffer(sendBytes);
    private final ByteBuffer refusalBytes = ByteBuffer.allocateDirect(Wire.MAX_FRAME_LENGTH);
    private final UnsafeBuffer refusal = new UnsafeBuffer(refusalBytes);

    private ServerSocketChannel server;
    private SelectionKey serverKey;
    private Selector selector;
    private Thread thread;
    private volatile boolean running;
    private volatile boolean failed;
    private volatile int boundPort;

    // Connection state: I/O thread only.
    /** Every socket the gateway holds: the pending handshakes plus at most one terminal. Allocated once. */
    private final Connection[] connections;
    private final HandshakeThrottle throttle;
    /** The connection that completed a valid HELLO, or null. Only it is written through {@link #sendBytes}. */
    private Connection terminal;
    /** The connection being served when a failure escapes (closed by {@link #onFailure}); null for none. */
    private Connection serving;
    /** Whether the engine was told the terminal is connected (and so must be told when it goes). */
    private boolean terminalAnnounced;
    private int pending;
    private long nextHandshakeDeadlineMillis = Long.MAX_VALUE;
    private long acceptPausedUntilMillis = Long.MIN_VALUE;
    private long lastReceivedMillis;
    private long nextHeartbeatMillis;
    private long nextFailureLogMillis = Long.MIN_VALUE;
    private long failuresNotLogged;
    private long nextRefusalLogMillis = Long.MIN_VALUE;
    private long refusalsNotLogged;
    /** The symbols whose broker name was logged in this session: one line each, however often the spec comes. */
    private final boolean[] symbolLogged;

    // Read by other threads.
    private volatile boolean terminalConnected;
    private volatile int pendingHandshakes;
    private volatile long lastRoundTripNanos = -1;
    private volatile String lastRefusal = "";
    private final AtomicLong protocolErrors = new AtomicLong();
    private final AtomicLongArray refusedHandshakes = new AtomicLongArray(HandshakeRefusal.VALUES.length);
    private final AtomicLong acceptPauses = new AtomicLong();
    private final AtomicLong unknownSymbols = new AtomicLong();
    private final AtomicLong badSymbols = new AtomicLong();
    /** The broker's name of each configured symbol, as the terminal of the current session reported it ("" before). */
    private final AtomicReferenceArray<String> brokerSymbols;
    private final AtomicLong commandsDroppedDisconnected = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong ringFullWaits = new AtomicLong();
    private final AtomicLong threadFailures = new AtomicLong();

    public Gateway(final GatewayConfig config, final SymbolTable symbols, final InboundEvents inbound, final CommandRing commands)
    {
        this.config = config.validate();
        this.symbols = symbols;
        this.symbolNames = new SymbolNames(symbols);
        this.inbound = inbound;
        this.commands = commands;
        this.secret = config.secret.getBytes(StandardCharsets.US_ASCII);
        this.commandEncoder = new CommandRing.Decoder(new CommandEncoder());
        this.throttle = new HandshakeThrottle(config.refusedHandshakesPerSecond);
        this.brokerSymbols = new AtomicReferenceArray<>(symbols.size());
        this.symbolLogged = new boolean[symbols.size()];
        for (int i = 0; i < symbols.size(); i++)
        {
            brokerSymbols.set(i, "");
        }
        this.connections = new Connection[config.maxPendingHandshakes + 1];
        for (int i = 0; i < connections.length; i++)
        {
            connections[i] = new Connection();
        }
    }

    /** Binds and starts the I/O thread; returns the port (useful when configured as 0). */
    public int start() throws IOException
    {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(config.bind, config.port));
        server.configureBlocking(false);
        selector = Selector.open();
        serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
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
     * Where the gateway's own lines go (the broker's symbol names at a handshake, refused symbols, failures),
     * called on the I/O thread: it must not block. Standard error by default, each line prefixed.
     */
    public Gateway log(final Consumer<String> log)
    {
        this.log = log;
        return this;
    }

    /**
     * Called on the I/O thread as it ends after a fatal failure, with a one-line reason (an alert, a log
     * line). It must not block. Never called on an orderly {@link #close()}.
     */
    public Gateway onThreadStopped(final Consumer<String> callback)
    {
        this.onThreadStopped = callback;
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
        String stoppedBecause = null;
        try
        {
            while (running)
            {
                idle.idle(doWork());
            }
        }
        catch (final Throwable fatal)
        {
            // Only a VirtualMachineError or a broken selector gets here: the thread cannot go on.
            if (running)
            {
                failed = true;
                threadFailures.incrementAndGet();
                stoppedBecause = "the gateway thread has stopped: " + describe(fatal);
                try
                {
                    log.accept(stoppedBecause);
                }
                catch (final RuntimeException ignored)
                {
                    // A broken log must not keep the stop callback (the alert) from running.
                }
            }
        }
        finally
        {
            closeAll(System.currentTimeMillis());
        }
        if (stoppedBecause != null)
        {
            onThreadStopped.accept(stoppedBecause);
        }
    }

    /** One pass: every ready socket, then the duties. A failure is contained to the connection it concerns. */
    private int doWork() throws IOException
    {
        int work = selector.selectNow();
        final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext())
        {
            final SelectionKey key = keys.next();
            keys.remove();
            try
            {
                serve(key);
            }
            catch (final Throwable ex)
            {
                onFailure(ex);
            }
            serving = null;
        }
        try
        {
            work += duty(System.currentTimeMillis());
        }
        catch (final Throwable ex)
        {
            onFailure(ex);
        }
        serving = null;
        return work;
    }

    private void serve(final SelectionKey key) throws IOException
    {
        if (!key.isValid())
        {
            return;
        }
        if (key == serverKey)
        {
            if (key.isAcceptable())
            {
                accept(System.currentTimeMillis());
            }
            return;
        }
        final Connection connection = (Connection)key.attachment();
        if (connection.key != key)
        {
            return; // a key of a socket closed earlier in this pass
        }
        serving = connection;
        if (key.isReadable())
        {
            read(connection);
        }
        if (connection == terminal && key.isValid() && key.isWritable())
        {
            flush();
        }
    }

    /**
     * The failure policy of the I/O thread (the same as the business thread's): count, report in one line,
     * close the connection being served, go on. A {@link VirtualMachineError} is rethrown: it ends the thread.
     */
    private void onFailure(final Throwable failure)
    {
        if (failure instanceof VirtualMachineError)
        {
            throw (VirtualMachineError)failure;
        }
        final long failures = threadFailures.incrementAndGet();
        final Connection connection = serving;
        final long now = System.currentTimeMillis();
        final String closed = connection == null ? "no connection closed" :
            connection == terminal ? "closed the terminal connection" : "closed a pending handshake";
        if (connection != null)
        {
            try
            {
                close(connection, now);
            }
            catch (final RuntimeException again)
            {
                // The socket was closed first; only telling the engine failed, and the line below says why.
            }
        }
        logFailure(now, "serving a connection failed (" + describe(failure) + "); " + closed + "; failures so far: " + failures);
    }

    /** One line per failure, at most one a second; the rest are counted into the next line. */
    private void logFailure(final long now, final String line)
    {
        if (now < nextFailureLogMillis)
        {
            failuresNotLogged++;
            return;
        }
        nextFailureLogMillis = now + FAILURE_LOG_INTERVAL_MILLIS;
        log.accept(line + (failuresNotLogged > 0 ? " (" + failuresNotLogged + " more not logged)" : ""));
        failuresNotLogged = 0;
    }

    private static String describe(final Throwable failure)
    {
        final StackTraceElement[] trace = failure.getStackTrace();
        return failure + (trace.length > 0 ? " at " + trace[0] : "");
    }

    /** Commands out, heartbeats, the dead-peer and handshake deadlines, the accept throttle; returns the work done. */
    private int duty(final long now)
    {
        serving = terminal;
        final int drained = commands.drainTo(commandEncoder);
        if (terminal != null)
        {
            if (now >= nextHeartbeatMillis && engineAlive.test(now))
            {
                nextHeartbeatMillis = now + config.heartbeatMillis;
                reserveAndEncode(Wire.HEARTBEAT);
            }
            if (terminal != null && now - lastReceivedMillis > config.deadAfterMillis)
            {
                disconnectTerminal(now);
            }
            flush();
        }
        serving = null;
        if (pending > 0 && now >= nextHandshakeDeadlineMillis)
        {
            expireHandshakes(now);
        }
        if (acceptPausedUntilMillis != Long.MIN_VALUE && now >= acceptPausedUntilMillis)
        {
            acceptPausedUntilMillis = Long.MIN_VALUE;
            serverKey.interestOps(SelectionKey.OP_ACCEPT);
        }
        return drained;
    }

    // ------------------------------------------------------------------ handshakes

    private void accept(final long now) throws IOException
    {
        final SocketChannel channel = server.accept();
        if (channel == null)
        {
            return;
        }
        if (pending >= config.maxPendingHandshakes)
        {
            // The oldest silent socket makes room: a real terminal sends its HELLO as it connects.
            refuse(oldestPending(), now, HandshakeRefusal.PENDING_LIMIT, Wire.ErrorCode.TOO_MANY_HANDSHAKES, "TOO_MANY_HANDSHAKES");
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
            connection.open(channel, channel.register(selector, SelectionKey.OP_READ, connection),
                now + config.handshakeTimeoutMillis);
        }
        catch (final IOException ex)
        {
            channel.close();
            return;
        }
        pending++;
        pendingHandshakes = pending;
        nextHandshakeDeadlineMillis = Math.min(nextHandshakeDeadlineMillis, connection.handshakeDeadlineMillis);
    }

    /** A frame on a pending connection: only a HELLO is acceptable, and only a valid one takes the slot. */
    private void onHandshakeFrame(final Connection connection, final long now, final int type, final UnsafeBuffer b, final int o)
    {
        if (type != Wire.HELLO)
        {
            protocolError(connection, now, Wire.ErrorCode.HELLO_EXPECTED, "HELLO_EXPECTED");
            return;
        }
        final long login = b.getLong(o + Wire.Hello.LOGIN, Wire.ORDER);
        if (!Wire.secretEquals(b, o + Wire.Hello.SECRET, secret))
        {
            refuseHello(connection, now, HandshakeRefusal.SECRET, login);
        }
        else if (config.login != 0 && login != config.login)
        {
            refuseHello(connection, now, HandshakeRefusal.LOGIN, login);
        }
        else if (terminal != null)
        {
            refuseHello(connection, now, HandshakeRefusal.BUSY, login);
        }
        else
        {
            becomeTerminal(connection, now);
        }
    }

    private void refuseHello(final Connection connection, final long now, final HandshakeRefusal why, final long login)
    {
        lastRefusal = "refused a terminal (login " + login + "): " + why.name();
        refusedHandshakes.incrementAndGet(why.ordinal());
        writeDirect(connection, Wire.helloAck(refusal, 0, false, engineInstance, why.name()));
        close(connection, now);
        if (why != HandshakeRefusal.BUSY)
        {
            throttleAfterRefusal(now); // BUSY came with the right secret: not a guess
        }
    }

    /** Closes a pending connection that never sent its HELLO, telling it why when its socket takes it. */
    private void refuse(final Connection connection, final long now, final HandshakeRefusal why, final int code, final String reason)
    {
        refusedHandshakes.incrementAndGet(why.ordinal());
        writeDirect(connection, Wire.error(refusal, 0, code, reason));
        close(connection, now);
    }

    private void becomeTerminal(final Connection connection, final long now)
    {
        pending--;
        pendingHandshakes = pending;
        terminal = connection;
        sendBytes.clear();
        lastReceivedMillis = now;
        nextHeartbeatMillis = now;
        final int at = reserve(Wire.bodyLength(Wire.HELLO_ACK));
        if (at < 0)
        {
            return; // cannot happen on an empty buffer; reserve() closed it if it did
        }
        commit(Wire.helloAck(send, at, true, engineInstance, "OK"));
        sessions.incrementAndGet();
        for (int i = 0; i < brokerSymbols.length(); i++)
        {
            brokerSymbols.set(i, ""); // this terminal names them anew
            symbolLogged[i] = false;
        }
        terminalConnected = true;
        while (!inbound.terminalStatus(now, true))
        {
            waitForRing();
        }
        terminalAnnounced = true;
        flush();
    }

    /** Each refused guess costs a token; with none left, stop accepting until one is back. */
    private void throttleAfterRefusal(final long now)
    {
        throttle.onRefused(now);
        if (!throttle.mayAccept(now) && acceptPausedUntilMillis == Long.MIN_VALUE)
        {
            acceptPauses.incrementAndGet();
            serverKey.interestOps(0);
            acceptPausedUntilMillis = throttle.acceptAgainAtMillis(now);
        }
        else if (acceptPausedUntilMillis != Long.MIN_VALUE)
        {
            acceptPausedUntilMillis = throttle.acceptAgainAtMillis(now);
        }
    }

    private void expireHandshakes(final long now)
    {
        long next = Long.MAX_VALUE;
        for (final Connection connection : connections)
        {
            if (connection.isPending(terminal))
            {
                if (now >= connection.handshakeDeadlineMillis)
                {
                    refuse(connection, now, HandshakeRefusal.TIMEOUT, Wire.ErrorCode.HANDSHAKE_TIMEOUT, "HANDSHAKE_TIMEOUT");
                }
                else
                {
                    next = Math.min(next, connection.handshakeDeadlineMillis);
                }
            }
        }
        nextHandshakeDeadlineMillis = next;
    }

    private Connection oldestPending()
    {
        Connection oldest = null;
        for (final Connection connection : connections)
        {
            if (connection.isPending(terminal) && (oldest == null || connection.handshakeDeadlineMillis < oldest.handshakeDeadlineMillis))
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

    // ------------------------------------------------------------------ receiving

    private void read(final Connection connection)
    {
        final int result;
        try
        {
            result = connection.reader.readFrom(connection.channel, connection.onFrame);
        }
        catch (final IOException ex)
        {
            close(connection, System.currentTimeMillis());
            return;
        }
        if (!connection.isOpen())
        {
            return; // a frame handler closed it, and its reader delivered nothing more
        }
        if (result == FrameReader.END_OF_STREAM)
        {
            close(connection, System.currentTimeMillis());
        }
        else if (result < 0)
        {
            protocolError(connection, System.currentTimeMillis(), -result, frameProblem(result));
        }
    }

    private void onFrame(final Connection connection, final int type, final UnsafeBuffer b, final int o)
    {
        final long now = System.currentTimeMillis();
        if (connection != terminal)
        {
            onHandshakeFrame(connection, now, type, b, o);
            return;
        }
        lastReceivedMillis = now;
        switch (type)
        {
            case Wire.HEARTBEAT:
                final long sent = b.getLong(o + Wire.Heartbeat.NANOS, Wire.ORDER);
                final int at = reserve(Wire.bodyLength(Wire.HEARTBEAT_ECHO));
                if (at >= 0)
                {
                    commit(Wire.heartbeat(send, at, Wire.HEARTBEAT_ECHO, sent));
                }
                break;
            case Wire.HEARTBEAT_ECHO:
                lastRoundTripNanos = System.nanoTime() - b.getLong(o + Wire.Heartbeat.NANOS, Wire.ORDER);
                break;
            case Wire.SYMBOL:
                onSymbol(now, b, o);
                break;
            case Wire.TICK:
                onTick(now, b, o);
                break;
            case Wire.ACCOUNT:
                while (!inbound.account(now, b.getLong(o + Wire.Account.LOGIN, Wire.ORDER),
                    b.getDouble(o + Wire.Account.BALANCE, Wire.ORDER), b.getDouble(o + Wire.Account.EQUITY, Wire.ORDER),
                    b.getDouble(o + Wire.Account.MARGIN, Wire.ORDER), b.getDouble(o + Wire.Account.FREE_MARGIN, Wire.ORDER),
                    b.getInt(o + Wire.Account.CONNECTED, Wire.ORDER) != 0, b.getLong(o + Wire.Account.TIME_MILLIS, Wire.ORDER),
                    b.getInt(o + Wire.Account.GMT_OFFSET_SECONDS, Wire.ORDER), b.getInt(o + Wire.Account.TRADE_PERMISSIONS, Wire.ORDER)))
                {
                    waitForRing();
                }
                break;
            case Wire.POSITIONS_BEGIN:
                final int count = b.getInt(o + Wire.PositionsBegin.COUNT, Wire.ORDER);
                if (count < 0 || count > 100_000)
                {
                    protocolError(connection, now, Wire.ErrorCode.BAD_POSITION_COUNT, "BAD_POSITION_COUNT");
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
                while (!inbound.orderResult(now, b.getLong(o + Wire.OrderResult.CLIENT_ORDER_ID, Wire.ORDER),
                    b.getInt(o + Wire.OrderResult.RETCODE, Wire.ORDER), b.getLong(o + Wire.OrderResult.TICKET, Wire.ORDER),
                    b.getDouble(o + Wire.OrderResult.PRICE, Wire.ORDER), b.getDouble(o + Wire.OrderResult.VOLUME, Wire.ORDER),
                    b.getDouble(o + Wire.OrderResult.PROFIT, Wire.ORDER)))
                {
                    waitForRing();
                }
                break;
            case Wire.POSITION_CLOSED:
                // The engine ignores a remaining volume it cannot read (the next snapshot settles the position).
                while (!inbound.positionClosed(now, b.getLong(o + Wire.PositionClosed.TICKET, Wire.ORDER),
                    b.getDouble(o + Wire.PositionClosed.PROFIT, Wire.ORDER),
                    Wire.closeReason(b.getInt(o + Wire.PositionClosed.REASON, Wire.ORDER)),
                    b.getDouble(o + Wire.PositionClosed.CLOSED_VOLUME, Wire.ORDER),
                    b.getDouble(o + Wire.PositionClosed.REMAINING_VOLUME, Wire.ORDER)))
                {
                    waitForRing();
                }
                break;
            case Wire.BALANCE_OPERATION:
                final double amount = b.getDouble(o + Wire.BalanceOperation.AMOUNT, Wire.ORDER);
                if (!Double.isFinite(amount))
                {
                    protocolError(connection, now, Wire.ErrorCode.BAD_BALANCE_AMOUNT, "BAD_BALANCE_AMOUNT");
                    return;
                }
                while (!inbound.balanceOperation(now, amount, b.getLong(o + Wire.BalanceOperation.DEAL_TICKET, Wire.ORDER)))
                {
                    waitForRing();
                }
                break;
            case Wire.ERROR:
                lastRefusal = "terminal error " + b.getInt(o + Wire.Error.CODE, Wire.ORDER) + ": " +
                    Wire.ascii(b, o + Wire.Error.REASON, Wire.REASON_LENGTH);
                break;
            default:
                protocolError(connection, now, Wire.ErrorCode.UNEXPECTED_MESSAGE, "UNEXPECTED_MESSAGE");
                break;
        }
    }

    /**
     * A symbol's spec, sent after each HELLO. One that cannot be traded on (SymbolSpec.isUsable: contract size and
     * volume min, step and max finite and above 0, min not above max, digits 0..10) is refused: counted, one log
     * line, ERROR 18 BAD_SYMBOL, and the engine learns only that it was refused; the connection stays, so the other
     * symbols still trade. A usable spec of a symbol the engine does not trade is counted as unknown; a usable one
     * of a symbol it trades goes to the engine, and its broker name is logged once per session (again only if it
     * changes). Handshake traffic: the broker name and the log lines allocate.
     */
    private void onSymbol(final long now, final UnsafeBuffer b, final int o)
    {
        final int symbolId = symbolNames.idOf(b, o + Wire.Symbol.NAME);
        final double contractSize = b.getDouble(o + Wire.Symbol.CONTRACT_SIZE, Wire.ORDER);
        final double volumeMin = b.getDouble(o + Wire.Symbol.VOLUME_MIN, Wire.ORDER);
        final double volumeStep = b.getDouble(o + Wire.Symbol.VOLUME_STEP, Wire.ORDER);
        final double volumeMax = b.getDouble(o + Wire.Symbol.VOLUME_MAX, Wire.ORDER);
        final int digits = b.getInt(o + Wire.Symbol.DIGITS, Wire.ORDER);
        final String brokerSymbol = Wire.ascii(b, o + Wire.Symbol.BROKER_SYMBOL, Wire.BROKER_SYMBOL_LENGTH);
        if (!SymbolSpec.isUsable(contractSize, volumeMin, volumeStep, volumeMax, digits))
        {
            badSymbols.incrementAndGet();
            final String name = Wire.ascii(b, o + Wire.Symbol.NAME, Wire.SYMBOL_LENGTH);
            lastRefusal = "refused the spec of " + name;
            logRefusal(now, "refused the terminal's spec of " + name + " (broker symbol " + brokerSymbol + "): contract size " +
                contractSize + ", volume " + volumeMin + ".." + volumeMax + " step " + volumeStep + ", digits " + digits +
                "; entries on it are denied until a valid spec arrives (ERROR 18 BAD_SYMBOL sent)");
            final int at = reserve(Wire.bodyLength(Wire.ERROR));
            if (at >= 0)
            {
                commit(Wire.error(send, at, Wire.ErrorCode.BAD_SYMBOL, "BAD_SYMBOL"));
            }
            if (symbolId >= 0)
            {
                brokerSymbols.set(symbolId, brokerSymbol);
                while (!inbound.symbolRefused(now, symbolId))
                {
                    waitForRing();
                }
            }
            return;
        }
        if (symbolId < 0)
        {
            unknownSymbols.incrementAndGet();
            return;
        }
        final boolean renamed = !brokerSymbol.equals(brokerSymbols.getAndSet(symbolId, brokerSymbol));
        if (!symbolLogged[symbolId] || renamed)
        {
            symbolLogged[symbolId] = true;
            log.accept("symbol " + symbols.name(symbolId) + " is " + (brokerSymbol.isEmpty() ? "(unnamed)" : brokerSymbol) +
                " at the broker: contract " + contractSize + ", volume " + volumeMin + ".." + volumeMax + " step " + volumeStep +
                ", " + digits + " digits");
        }
        while (!inbound.symbolSpec(now, symbolId, contractSize, volumeMin, volumeStep, volumeMax, digits,
            b.getInt(o + Wire.Symbol.FILLING_MODES, Wire.ORDER)))
        {
            waitForRing();
        }
    }

    /** Refused symbols: one line each, at most one a second; the rest are counted into the next line. */
    private void logRefusal(final long now, final String line)
    {
        if (now < nextRefusalLogMillis)
        {
            refusalsNotLogged++;
            return;
        }
        nextRefusalLogMillis = now + FAILURE_LOG_INTERVAL_MILLIS;
        log.accept(line + (refusalsNotLogged > 0 ? " (" + refusalsNotLogged + " more refusals not logged)" : ""));
        refusalsNotLogged = 0;
    }

    private void onTick(final long now, final UnsafeBuffer b, final int o)
    {
        final int symbolId = symbolNames.idOf(b, o + Wire.Tick.SYMBOL);
        final double bid = b.getDouble(o + Wire.Tick.BID, Wire.ORDER);
        final double ask = b.getDouble(o + Wire.Tick.ASK, Wire.ORDER);
        if (symbolId < 0)
        {
            unknownSymbols.incrementAndGet();
            return;
        }
        if (!(bid > 0) || !(ask >= bid) || Double.isInfinite(ask))
        {
            protocolError(terminal, now, Wire.ErrorCode.BAD_TICK, "BAD_TICK");
            return;
        }
        while (!inbound.tick(now, symbolId, bid, ask))
        {
            waitForRing();
        }
    }

    private void onPosition(final long now, final UnsafeBuffer b, final int o)
    {
        final int side = b.getInt(o + Wire.Position.SIDE, Wire.ORDER);
        if (side != 0 && side != 1)
        {
            protocolError(terminal, now, Wire.ErrorCode.BAD_SIDE, "BAD_SIDE");
            return;
        }
        // A position in a symbol the engine does not trade is still exposure: it is published (id -1).
        final int symbolId = symbolNames.idOf(b, o + Wire.Position.SYMBOL);
        if (symbolId < 0)
        {
            unknownSymbols.incrementAndGet();
        }
        while (!inbound.position(now, b.getLong(o + Wire.Position.TICKET, Wire.ORDER), symbolId, side == 0 ? Side.BUY : Side.SELL,
            b.getDouble(o + Wire.Position.VOLUME, Wire.ORDER), b.getDouble(o + Wire.Position.OPEN_PRICE, Wire.ORDER),
            b.getDouble(o + Wire.Position.PROFIT, Wire.ORDER), b.getLong(o + Wire.Position.MAGIC, Wire.ORDER)))
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

    /** Counts, tells the peer why when it can, closes. Garbage before a HELLO costs a throttle token. */
    private void protocolError(final Connection connection, final long now, final int code, final String reason)
    {
        protocolErrors.incrementAndGet();
        lastRefusal = "protocol error " + code + ": " + reason;
        if (connection == terminal)
        {
            final int at = reserve(Wire.bodyLength(Wire.ERROR));
            if (at >= 0)
            {
                commit(Wire.error(send, at, code, reason));
                flush();
            }
            disconnectTerminal(now);
            return;
        }
        writeDirect(connection, Wire.error(refusal, 0, code, reason));
        close(connection, now);
        throttleAfterRefusal(now);
    }

    private void disconnectTerminal(final long now)
    {
        if (terminal != null)
        {
            close(terminal, now);
        }
    }

    /**
     * The one way a connection ends: its reader stops (no frame of the same read is handled after this),
     * the socket closes, and if it was the terminal the engine is told. Idempotent.
     */
    private void close(final Connection connection, final long now)
    {
        if (!connection.isOpen())
        {
            return;
        }
        final boolean wasTerminal = connection == terminal;
        connection.close();
        if (!wasTerminal)
        {
            pending--;
            pendingHandshakes = pending;
            return;
        }
        terminal = null;
        terminalConnected = false;
        sendBytes.clear();
        if (terminalAnnounced)
        {
            terminalAnnounced = false;
            while (!inbound.terminalStatus(now, false))
            {
                Thread.onSpinWait();
            }
        }
    }

    /** As the thread ends: every socket closed, the engine told the terminal is gone. */
    private void closeAll(final long now)
    {
        for (final Connection connection : connections)
        {
            try
            {
                close(connection, now);
            }
            catch (final RuntimeException ex)
            {
                log.accept("closing a connection at stop failed: " + describe(ex));
            }
        }
    }

    // ------------------------------------------------------------------ sending (the terminal only)

    /** Where to encode a frame in the send buffer, or -1 when there is no terminal (or it was just dropped). */
    private int reserve(final int bodyLength)
    {
        if (terminal == null)
        {
            return -1;
        }
        if (sendBytes.remaining() < Wire.HEADER_LENGTH + bodyLength)
        {
            flush();
            if (terminal != null && sendBytes.remaining() < Wire.HEADER_LENGTH + bodyLength)
            {
                // The terminal has stopped reading: a peer that cannot keep up is a dead peer.
                disconnectTerminal(System.currentTimeMillis());
            }
            if (terminal == null)
            {
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
            disconnectTerminal(System.currentTimeMillis());
            return;
        }
        sendBytes.compact();
        if (connection.key.isValid())
        {
            connection.key.interestOps(sendBytes.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    /** Engine commands, drained from the command ring on the I/O thread, become frames. */
    private final class CommandEncoder implements CommandRing.CommandTarget
    {
        @Override
        public void placeOrder(final long clientOrderId, final int symbolId, final Side side, final double volume,
            final double stopLoss, final double takeProfit, final long expiresAtMillis)
        {
            final int at = terminalAnnounced ? reserve(Wire.bodyLength(Wire.ORDER_NEW)) : -1;
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
            final int at = terminalAnnounced ? reserve(Wire.bodyLength(Wire.CLOSE_POSITION)) : -1;
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
            final int at = terminalAnnounced ? reserve(Wire.bodyLength(Wire.RESYNC)) : -1;
            if (at < 0)
            {
                commandsDroppedDisconnected.incrementAndGet();
                return;
            }
            commit(Wire.resync(send, at, lookupClientOrderId));
        }
    }

    /**
     * One accepted socket with its own frame reader, pooled and reused (nothing allocated per accept but
     * the JDK's channel). I/O thread only. Pending until it is the gateway's {@code terminal}.
     */
    private final class Connection
    {
        final FrameReader reader = new FrameReader();
        final FrameReader.FrameHandler onFrame = (type, buffer, offset) -> Gateway.this.onFrame(this, type, buffer, offset);
        SocketChannel channel;
        SelectionKey key;
        long handshakeDeadlineMillis;

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

        boolean isPending(final Connection terminal)
        {
            return channel != null && this != terminal;
        }

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

    // ------------------------------------------------------------------ views (any thread)

    public boolean isTerminalConnected()
    {
        return terminalConnected;
    }

    /** True while the I/O thread runs and has not failed fatally: false means no terminal can connect. */
    public boolean isAlive()
    {
        final Thread t = thread;
        return running && !failed && t != null && t.isAlive();
    }

    /** Failures caught on the I/O thread (each closed one connection), plus a fatal one if it stopped. */
    public long threadFailures()
    {
        return threadFailures.get();
    }

    public long protocolErrors()
    {
        return protocolErrors.get();
    }

    /** Handshakes that did not make a session, every reason together. */
    public long refusedHandshakes()
    {
        long total = 0;
        for (int i = 0; i < refusedHandshakes.length(); i++)
        {
            total += refusedHandshakes.get(i);
        }
        return total;
    }

    public long refusedHandshakes(final HandshakeRefusal why)
    {
        return refusedHandshakes.get(why.ordinal());
    }

    /** Times accepting paused because refused handshakes came faster than {@code gateway.refusedHandshakesPerSecond}. */
    public long acceptPauses()
    {
        return acceptPauses.get();
    }

    /** Connections accepted that have not sent their HELLO yet. */
    public int pendingHandshakes()
    {
        return pendingHandshakes;
    }

    public long unknownSymbols()
    {
        return unknownSymbols.get();
    }

    /** SYMBOL specs refused (ERROR 18 BAD_SYMBOL): not passed to the engine, entries on that symbol denied. */
    public long badSymbols()
    {
        return badSymbols.get();
    }

    /** The broker's name of a configured symbol, as the current session's terminal reported it ("" before it did). */
    public String brokerSymbol(final int symbolId)
    {
        return symbolId >= 0 && symbolId < brokerSymbols.length() ? brokerSymbols.get(symbolId) : "";
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

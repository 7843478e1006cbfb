package dev.ringfence.gateway.sim;

import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TerminalReports;
import dev.ringfence.gateway.paper.PaperTerminal;
import dev.ringfence.gateway.paper.PaperTerminalConfig;
import dev.ringfence.gateway.wire.FrameReader;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The paper terminal behind the real protocol: it connects to the gateway as a client exactly like the
 * Expert Advisor (HELLO, symbol specs, account and positions snapshots, ticks, order results), reconnects
 * with backoff, runs a random-walk market, and injects the faults of BRIDGE.md on command. One thread of
 * its own; the fault methods may be called from any thread.
 *
 * <p>Longer than most classes because each fault is a few lines that act on the loop's own state (its socket,
 * send buffer, held-back answers) at a defined point of its thread; the account itself is {@link PaperTerminal},
 * the market {@link RandomWalkMarket}, the reports' encoding {@link WireReports}, the layouts {@link Wire}.
 */
public final class SimulatedTerminal implements AutoCloseable
{
    /** Settings of the simulator (command line options of {@code terminal-sim}). */
    public static final class Settings
    {
        public String host = "127.0.0.1";
        public int port = 7788;
        public String secret = "change-me";
        public long tickIntervalMillis = 250;
        public double volatility = 0.0002;
        public long seed = 1;
        public long heartbeatMillis = 1_000;
        public long reconnectInitialMillis = 200;
        public long reconnectMaxMillis = 5_000;
    }

    private final Settings settings;
    private final SymbolTable symbols;
    private final PaperTerminalConfig terminalConfig;
    private final RandomWalkMarket market;
    private final ByteBuffer sendBytes = ByteBuffer.allocateDirect(256 * 1024);
    private final UnsafeBuffer send = new UnsafeBuffer(sendBytes);
    private final TerminalReports reports;
    private final Queue<Consumer<SimulatedTerminal>> faults = new ConcurrentLinkedQueue<>();
    private final Queue<Runnable> delayed = new ArrayDeque<>();
    private final Queue<Long> delayedDue = new ArrayDeque<>();
    private final Thread thread;
    // Flyweights over the frame being handled (sim thread only).
    private final Wire.HelloAck helloAck = new Wire.HelloAck();
    private final Wire.Heartbeat heartbeatIn = new Wire.Heartbeat();
    private final Resync.Decoder resync = new Resync.Decoder();
    private volatile boolean running = true;

    // Sim-thread state.
    private PaperTerminal paper;
    private SocketChannel channel;
    private FrameReader reader;
    private boolean ready;
    private long instanceId = System.nanoTime();
    private long nextConnectMillis;
    private long backoffMillis;
    private long nextTickMillis;
    private long nextHeartbeatMillis;
    private long now;
    private long slowRepliesMillis;
    private boolean splitFrames;
    private boolean dropAfterNextOrder;

    // Read by other threads.
    private volatile boolean connected;
    private volatile int sessions;
    private volatile int deals;
    private volatile int openPositions;
    private volatile double equity;
    private volatile int ordersReceived;
    private volatile int lookupsAnswered;
    private volatile int repliesPending;

    public SimulatedTerminal(final Settings settings, final SymbolTable symbols, final PaperTerminalConfig terminalConfig)
    {
        this.settings = settings;
        this.symbols = symbols;
        this.terminalConfig = terminalConfig;
        this.market = new RandomWalkMarket(symbols, settings.volatility, settings.seed);
        this.reports = new WireReports(symbols, sendBytes).ports().terminalReports();
        this.paper = new PaperTerminal(terminalConfig, symbols, reports);
        this.backoffMillis = settings.reconnectInitialMillis;
        this.thread = new Thread(this::run, "ringfence-terminal-sim");
        this.thread.setDaemon(true);
    }

    public SimulatedTerminal start()
    {
        thread.start();
        return this;
    }

    // ------------------------------------------------------------------ faults (any thread)

    /** The next {@code count} orders and closes are answered with {@code retcode}. */
    public void rejectNext(final int retcode, final int count)
    {
        faults.add(sim -> sim.paper.rejectNext(retcode, count));
    }

    /** The next order executes but its reply is lost. */
    public void loseNextReply()
    {
        faults.add(sim -> sim.paper.loseNextReply());
    }

    /** Drops the connection now (it reconnects with backoff). */
    public void dropConnection()
    {
        faults.add(sim -> sim.drop());
    }

    /** Sends the first half of a frame, then drops the connection. */
    public void dropMidFrame()
    {
        faults.add(sim ->
        {
            if (sim.ready)
            {
                final int at = sim.sendBytes.position();
                final int length = Wire.heartbeat(sim.send, at, Wire.HEARTBEAT, System.nanoTime());
                sim.sendBytes.position(at + length / 2);
                sim.flush();
                sim.drop();
            }
        });
    }

    /** The next order executes, then the connection drops before its reply leaves. */
    public void dropAfterNextOrder()
    {
        faults.add(sim -> sim.dropAfterNextOrder = true);
    }

    /** Writes frames a few bytes at a time (the gateway must reassemble them). */
    public void splitFrames(final boolean split)
    {
        faults.add(sim -> sim.splitFrames = split);
    }

    /** Answers commands this much later. */
    public void slowReplies(final long millis)
    {
        faults.add(sim -> sim.slowRepliesMillis = millis);
    }

    /** No account reports for {@code millis}. */
    public void freezeAccount(final long millis)
    {
        faults.add(sim -> sim.paper.freezeAccount(sim.now, millis));
    }

    /** The terminal restarts with an empty memory: no positions, a new instance, a new connection. */
    public void restartEmpty()
    {
        faults.add(sim ->
        {
            sim.drop();
            sim.paper = new PaperTerminal(sim.terminalConfig, sim.symbols, sim.reports);
            sim.instanceId = System.nanoTime();
        });
    }

    /** A frame with an impossible length (tests: the gateway must close only this connection). */
    public void sendGarbage()
    {
        faults.add(sim ->
        {
            sim.sendBytes.putInt(Integer.reverseBytes(0x7fff_ffff)).putInt(0);
            sim.flush();
        });
    }

    /** A position the terminal holds from before (a real terminal keeps them when the engine restarts). */
    public void restorePosition(final long ticket, final int symbolId, final Side side, final double volume, final double openPrice,
        final long magic)
    {
        faults.add(sim -> sim.paper.restorePosition(ticket, symbolId, side, volume, openPrice, magic));
    }

    /** Part of a position is closed at the terminal (by hand): reported as a deal with the volume left. */
    public void closePartially(final long ticket, final double volume)
    {
        faults.add(sim -> sim.paper.closePartially(sim.now, ticket, volume, CloseReason.MANUAL));
    }

    /** The terminal's trade permissions change (a TradePermissions bitmask; all four = 15 = trading permitted). */
    public void tradePermissions(final int permissions)
    {
        faults.add(sim -> sim.paper.setTradePermissions(sim.now, permissions));
    }

    /** The account jumps to these figures (an equity shock). */
    public void setAccount(final double balance, final double equity)
    {
        faults.add(sim -> sim.paper.setAccount(sim.now, balance, equity, Double.NaN, Double.NaN, true));
    }

    // ------------------------------------------------------------------ views (any thread)

    public boolean isConnected()
    {
        return connected;
    }

    public int sessions()
    {
        return sessions;
    }

    /** Deals the terminal has executed (one per distinct client order id, ever). */
    public int deals()
    {
        return deals;
    }

    public int openPositions()
    {
        return openPositions;
    }

    public double equity()
    {
        return equity;
    }

    /** ORDER_NEW frames received, every one, including any repeat of a client order id the terminal already knows. */
    public int ordersReceived()
    {
        return ordersReceived;
    }

    /** RESYNC frames with a lookup that were answered. */
    public int lookupsAnswered()
    {
        return lookupsAnswered;
    }

    /** Answers held back by {@link #slowReplies}, not yet sent. */
    public int repliesPending()
    {
        return repliesPending;
    }

    // ------------------------------------------------------------------ the loop

    private void run()
    {
        while (running)
        {
            now = System.currentTimeMillis();
            Consumer<SimulatedTerminal> fault;
            while ((fault = faults.poll()) != null)
            {
                fault.accept(this);
            }
            if (channel == null)
            {
                if (now >= nextConnectMillis)
                {
                    connect();
                }
            }
            else
            {
                receive();
                runDueReplies();
                if (ready)
                {
                    if (now >= nextTickMillis)
                    {
                        nextTickMillis = now + settings.tickIntervalMillis;
                        market.step();
                        for (int i = 0; i < symbols.size(); i++)
                        {
                            paper.onTick(now, i, market.bid(i), market.ask(i));
                        }
                    }
                    paper.onTime(now);
                    if (now >= nextHeartbeatMillis)
                    {
                        nextHeartbeatMillis = now + settings.heartbeatMillis;
                        heartbeat(Wire.HEARTBEAT, System.nanoTime());
                    }
                }
                flush();
            }
            deals = paper.dealCount();
            openPositions = paper.openPositions();
            equity = paper.equity();
            repliesPending = delayed.size();
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
        drop();
    }

    private void connect()
    {
        try
        {
            final SocketChannel socket = SocketChannel.open();
            socket.socket().connect(new InetSocketAddress(settings.host, settings.port), 1_000);
            socket.configureBlocking(false);
            socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel = socket;
            reader = new FrameReader();
            sendBytes.clear();
            final int at = sendBytes.position();
            sendBytes.position(at + Wire.hello(send, at, terminalConfig.login, instanceId, terminalConfig.gmtOffsetSeconds,
                terminalConfig.hedging ? 2 : 0, "Ringfence-Paper", terminalConfig.currency, settings.secret));
            flush();
            backoffMillis = settings.reconnectInitialMillis;
        }
        catch (final IOException ex)
        {
            nextConnectMillis = now + backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, settings.reconnectMaxMillis);
        }
    }

    private void receive()
    {
        try
        {
            final int result = reader.readFrom(channel, this::onFrame);
            if (result < 0)
            {
                drop();
            }
        }
        catch (final IOException ex)
        {
            drop();
        }
    }

    private void onFrame(final int type, final UnsafeBuffer b, final int o)
    {
        switch (type)
        {
            case Wire.HELLO_ACK:
                if (helloAck.wrap(b, o).accepted())
                {
                    ready = true;
                    connected = true;
                    sessions++;
                    paper.connect(now); // the symbols' specs, the account, the positions: what the EA sends after HELLO_ACK
                }
                else
                {
                    drop();
                }
                break;
            case Wire.HEARTBEAT:
                heartbeat(Wire.HEARTBEAT_ECHO, heartbeatIn.wrap(b, o).nanos());
                break;
            case Wire.ORDER_NEW:
            case Wire.CLOSE_POSITION:
            case Wire.RESYNC:
                command(type, b, o);
                break;
            default:
                break;
        }
    }

    /** One of the engine's commands: a copy of its body goes to the paper terminal now, or after the injected delay. */
    private void command(final int type, final UnsafeBuffer frame, final int bodyOffset)
    {
        final UnsafeBuffer body = new UnsafeBuffer(new byte[Wire.bodyLength(type)]);
        body.putBytes(0, frame, bodyOffset, body.capacity());
        final boolean order = type == Wire.ORDER_NEW;
        final boolean lookup = type == Wire.RESYNC && resync.wrap(body, 0).lookupClientOrderId() != 0;
        if (order)
        {
            ordersReceived++;
        }
        later(() ->
        {
            paper.send(type, body, 0, body.capacity());
            if (lookup)
            {
                lookupsAnswered++;
            }
            if (order && dropAfterNextOrder)
            {
                dropAfterNextOrder = false;
                sendBytes.clear(); // the reply never leaves
                drop();
            }
        });
    }

    /** Runs a command's answer now, or after the injected delay. */
    private void later(final Runnable reply)
    {
        if (slowRepliesMillis <= 0)
        {
            reply.run();
            return;
        }
        delayed.add(reply);
        delayedDue.add(now + slowRepliesMillis);
    }

    private void runDueReplies()
    {
        while (!delayedDue.isEmpty() && delayedDue.peek() <= now && channel != null)
        {
            delayedDue.poll();
            delayed.poll().run();
        }
    }

    private void heartbeat(final int type, final long nanos)
    {
        if (sendBytes.remaining() >= Wire.HEADER_LENGTH + 8)
        {
            final int at = sendBytes.position();
            sendBytes.position(at + Wire.heartbeat(send, at, type, nanos));
        }
    }

    private void flush()
    {
        if (channel == null || sendBytes.position() == 0)
        {
            return;
        }
        sendBytes.flip();
        try
        {
            if (splitFrames)
            {
                final int limit = sendBytes.limit();
                while (sendBytes.position() < limit)
                {
                    sendBytes.limit(Math.min(limit, sendBytes.position() + 3));
                    channel.write(sendBytes);
                    sendBytes.limit(limit);
                }
            }
            else
            {
                channel.write(sendBytes);
            }
            sendBytes.compact();
        }
        catch (final IOException ex)
        {
            sendBytes.clear();
            drop();
        }
    }

    private void drop()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // closing anyway
            }
        }
        channel = null;
        ready = false;
        connected = false;
        sendBytes.clear();
        delayed.clear();
        delayedDue.clear();
        paper.disconnect(now, Long.MAX_VALUE / 4);
        nextConnectMillis = now + backoffMillis;
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        thread.join(2_000);
    }
}

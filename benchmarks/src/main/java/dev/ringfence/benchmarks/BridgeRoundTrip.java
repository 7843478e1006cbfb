package dev.ringfence.benchmarks;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.TradePermissions;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayConfig;
import dev.ringfence.gateway.wire.FrameReader;
import dev.ringfence.gateway.wire.Wire;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The bridge's decisive round trip over loopback TCP: a terminal (a raw protocol client here) sends an
 * account report that breaches the drawdown cap; the gateway decodes it, the engine's guard trips and
 * flattens, the close command is encoded and arrives back at the terminal. Measured from just before
 * the breaching report is written to the moment the {@code CLOSE_POSITION} frame has been read.
 * Beside it, in the same run, the limit: a bare loopback TCP echo pair (a thread echoing what it reads
 * back to a client), one breaching report's length each way, the same number of round trips.
 *
 * <pre>benchmarks/bench bridge --iterations 2000 --wait yielding</pre>
 */
public final class BridgeRoundTrip
{
    private static final String SECRET = "bench-secret";

    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final ByteBuffer outBytes = out.byteBuffer();
    private final FrameReader reader = new FrameReader();
    private volatile long flattens;
    private volatile long rearms;
    private final ClosePosition.Decoder closePosition = new ClosePosition.Decoder();
    private long closeId;
    private long closeTicket;

    public static void main(final String[] args) throws Exception
    {
        int iterations = 2_000;
        // Enough round trips for the JIT to compile the gateway's and the engine's paths before measuring (the
        // optimizing compiler waits for thousands of calls); with 500 it still ran beside the measured ones (README).
        int warmup = 20_000;
        String wait = "yielding";
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--iterations": iterations = Integer.parseInt(args[++i]); break;
                case "--warmup": warmup = Integer.parseInt(args[++i]); break;
                case "--wait": wait = args[++i]; break;
                default:
                    System.err.println("usage: bench bridge [--iterations N] [--warmup N] [--wait blocking|yielding|sleeping|busy-spin]");
                    System.exit(2);
            }
        }
        new BridgeRoundTrip().run(iterations, warmup, wait);
    }

    private void run(final int iterations, final int warmup, final String wait) throws Exception
    {
        final EngineConfig config = new EngineConfig().validate();
        final SymbolTable symbols = new SymbolTable(config.symbols);
        final CommandRing commands = new CommandRing(1 << 20);
        final Engine engine = new Engine(config, symbols, commands, event ->
        {
            if (event.type() == LifecycleEventType.FLATTEN_COMPLETED)
            {
                flattens++;
            }
            else if (event.type() == LifecycleEventType.GUARD_REARMED)
            {
                rearms++;
            }
        }, wait, 1 << 14, List.of());
        engine.start();
        engine.inbound().operatorCommands().admin(System.currentTimeMillis(), AdminCommand.START, "bench");
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(() -> engine.inbound().timerTicks().timer(System.currentTimeMillis()), 20, 20, TimeUnit.MILLISECONDS);
        final GatewayConfig gatewayConfig = new GatewayConfig();
        gatewayConfig.port = 0;
        gatewayConfig.secret = SECRET;
        final Gateway gateway = new Gateway(gatewayConfig, symbols, engine.inbound().terminalReports(), commands);
        final int port = gateway.start();

        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (SocketChannel terminal = SocketChannel.open(new InetSocketAddress("127.0.0.1", port)))
        {
            terminal.setOption(StandardSocketOptions.TCP_NODELAY, true);
            send(terminal, Wire.hello(out, 0, 5001, 1, 0, 2, "bench", "USD", SECRET));
            awaitFrame(terminal, Wire.HELLO_ACK);
            for (int i = 0; i < warmup + iterations; i++)
            {
                final long now = System.currentTimeMillis();
                int at = Wire.positionsBegin(out, 0, now, 1);
                at += Wire.position(out, at, 1_000 + i, "EURUSD", 0, 1.0, 1.1, 0, 0);
                at += Wire.account(out, at, now, 5001, 10_000, 10_000, 0, 10_000, true, 0, TradePermissions.ALL);
                send(terminal, at);

                final long started = System.nanoTime();
                send(terminal, Wire.account(out, 0, System.currentTimeMillis(), 5001, 10_000, 7_000, 0, 7_000, true, 0,
                    TradePermissions.ALL));
                awaitFrame(terminal, Wire.CLOSE_POSITION);
                final long roundTrip = System.nanoTime() - started;
                if (i >= warmup)
                {
                    histogram.recordValue(Math.min(roundTrip, histogram.getHighestTrackableValue()));
                }

                final long later = System.currentTimeMillis();
                at = Wire.orderResult(out, 0, later, closeId, ReturnCodes.DONE, closeTicket, 1.09, 1.0, -3_000);
                at += Wire.positionsBegin(out, at, later, 0);
                at += Wire.account(out, at, later, 5001, 10_000, 10_000, 0, 10_000, true, 0, TradePermissions.ALL);
                send(terminal, at);
                awaitCount(() -> flattens, i + 1);
                engine.inbound().operatorCommands().admin(System.currentTimeMillis(), AdminCommand.REARM, "bench");
                awaitCount(() -> rearms, i + 1);
            }
        }
        finally
        {
            timer.shutdownNow();
            gateway.close();
            engine.close();
        }
        final int length = Wire.account(out, 0, System.currentTimeMillis(), 5001, 10_000, 7_000, 0, 7_000, true, 0,
            TradePermissions.ALL);
        final Histogram echo = echoRoundTrips(iterations, warmup, length);
        print("breach -> close over loopback (" + histogram.getTotalCount() + " round trips, engine wait " + wait + ")", histogram);
        print("bare loopback echo, " + length + " bytes each way (" + echo.getTotalCount() + " round trips)", echo);
        System.out.printf(Locale.ROOT, "bridge/echo: p50 %.2fx, p90 %.2fx, p99 %.2fx, p99.9 %.2fx%n",
            ratio(histogram, echo, 50), ratio(histogram, echo, 90), ratio(histogram, echo, 99), ratio(histogram, echo, 99.9));
    }

    private static void print(final String what, final Histogram h)
    {
        System.out.printf(Locale.ROOT, "%s: p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n", what,
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    private static double ratio(final Histogram slower, final Histogram faster, final double percentile)
    {
        return slower.getValueAtPercentile(percentile) / (double)Math.max(1, faster.getValueAtPercentile(percentile));
    }

    /**
     * What loopback TCP allows: a client writes {@code length} bytes, a thread polling a non-blocking
     * channel (as the gateway's does) reads them and writes them back, the client reads them (blocking,
     * as the terminal above does); TCP_NODELAY, no decoding, no logic.
     */
    static Histogram echoRoundTrips(final int iterations, final int warmup, final int length) throws Exception
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (ServerSocketChannel server = ServerSocketChannel.open())
        {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            final Thread echo = new Thread(() ->
            {
                try (SocketChannel peer = server.accept())
                {
                    peer.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    peer.configureBlocking(false); // polls like the gateway's thread, which never blocks in a read
                    final ByteBuffer buffer = ByteBuffer.allocateDirect(length);
                    while (true)
                    {
                        buffer.clear();
                        while (buffer.hasRemaining())
                        {
                            final int read = peer.read(buffer);
                            if (read < 0)
                            {
                                return;
                            }
                            if (read == 0)
                            {
                                Thread.onSpinWait();
                            }
                        }
                        buffer.flip();
                        while (buffer.hasRemaining())
                        {
                            peer.write(buffer);
                        }
                    }
                }
                catch (final Exception ignored)
                {
                    // the client has gone: done
                }
            }, "loopback-echo");
            echo.setDaemon(true);
            echo.start();
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress()))
            {
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                final ByteBuffer buffer = ByteBuffer.allocateDirect(length);
                for (int i = 0; i < warmup + iterations; i++)
                {
                    buffer.clear();
                    final long started = System.nanoTime();
                    while (buffer.hasRemaining())
                    {
                        client.write(buffer);
                    }
                    buffer.clear();
                    while (buffer.hasRemaining())
                    {
                        if (client.read(buffer) < 0)
                        {
                            throw new IllegalStateException("the echo closed the connection");
                        }
                    }
                    final long roundTrip = System.nanoTime() - started;
                    if (i >= warmup)
                    {
                        histogram.recordValue(Math.min(roundTrip, histogram.getHighestTrackableValue()));
                    }
                }
            }
            echo.join(TimeUnit.SECONDS.toMillis(5));
        }
        return histogram;
    }

    private void send(final SocketChannel channel, final int length) throws Exception
    {
        outBytes.clear().limit(length);
        while (outBytes.hasRemaining())
        {
            channel.write(outBytes);
        }
    }

    private void awaitFrame(final SocketChannel channel, final int wanted) throws Exception
    {
        final boolean[] seen = new boolean[1];
        while (!seen[0])
        {
            final int result = reader.readFrom(channel, (type, buffer, offset) ->
            {
                if (type == wanted)
                {
                    seen[0] = true;
                    if (type == Wire.CLOSE_POSITION)
                    {
                        closePosition.wrap(buffer, offset);
                        closeId = closePosition.clientOrderId();
                        closeTicket = closePosition.ticket();
                    }
                }
            });
            if (result < 0)
            {
                throw new IllegalStateException("the gateway closed the connection (" + result + ")");
            }
        }
    }

    private static void awaitCount(final LongSupplier count, final long target) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count.getAsLong() < target)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the engine did not complete the flatten and re-arm");
            }
            Thread.onSpinWait();
        }
    }
}

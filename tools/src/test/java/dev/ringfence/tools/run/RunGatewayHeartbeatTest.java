package dev.ringfence.tools.run;

import dev.ringfence.engine.Engine;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayConfig;
import dev.ringfence.gateway.wire.FrameReader;
import dev.ringfence.gateway.wire.Wire;
import dev.ringfence.tools.config.ConfigLoader;
import dev.ringfence.tools.config.RingfenceConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The gateway as {@code ringfence run} composes it ({@link RunGateway#compose}): the Expert Advisor counts only the
 * engine's HEARTBEAT as life, so heartbeats must stop while the business thread is stuck, though the socket and the
 * I/O thread are fine (its echoes keep coming), and come back when it goes on.
 */
class RunGatewayHeartbeatTest
{
    private static final String SECRET = "hb-run-secret";

    /** A hand-driven Expert Advisor: sends its HELLO and a heartbeat now and then, counts what comes back. */
    private static final class Terminal implements AutoCloseable
    {
        final SocketChannel channel;
        final FrameReader reader = new FrameReader();
        final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocate(256));
        int heartbeats;
        int echoes;
        boolean closed;

        Terminal(final int port) throws Exception
        {
            channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            write(Wire.hello(out, 0, 5001, 1, 0, 2, "test", "USD", SECRET));
            channel.configureBlocking(false);
        }

        private void write(final int length) throws Exception
        {
            final ByteBuffer bytes = ByteBuffer.wrap(out.byteArray(), 0, length);
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
        }

        /** Reads for {@code millis}, sending its own heartbeat every 100 ms so the gateway never finds it silent. */
        void run(final long millis) throws Exception
        {
            final long until = System.currentTimeMillis() + millis;
            long nextBeat = 0;
            while (System.currentTimeMillis() < until && !closed)
            {
                if (System.currentTimeMillis() >= nextBeat)
                {
                    nextBeat = System.currentTimeMillis() + 100;
                    write(Wire.heartbeat(out, 0, Wire.HEARTBEAT, System.nanoTime()));
                }
                final int result = reader.readFrom(channel, (type, buffer, offset) ->
                {
                    if (type == Wire.HEARTBEAT)
                    {
                        heartbeats++;
                    }
                    else if (type == Wire.HEARTBEAT_ECHO)
                    {
                        echoes++;
                    }
                });
                closed = result == FrameReader.END_OF_STREAM;
                Thread.sleep(5);
            }
        }

        @Override
        public void close() throws Exception
        {
            channel.close();
        }
    }

    @Test
    void heartbeatsStopWhileTheBusinessThreadIsStuckAndComeBackAfter() throws Exception
    {
        final RingfenceConfig config = new ConfigLoader().environment(Map.of()).load();
        final GatewayConfig gatewayConfig = config.gateway;
        gatewayConfig.port = 0;
        gatewayConfig.secret = SECRET;
        gatewayConfig.heartbeatMillis = 100;
        gatewayConfig.deadAfterMillis = 400;
        final CountDownLatch stuck = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (Engine engine = new Engine(config.engine, config.symbols, OrderCommands.DISCARD, event ->
        {
            if (event.type() == LifecycleEventType.TRADING_HALTED)
            {
                // The business thread hangs here, as in a deadlock or an endless loop.
                stuck.countDown();
                awaitQuietly(release);
            }
        }, "blocking", 1 << 12, List.of()))
        {
            engine.start();
            engine.inbound().operatorCommands().admin(System.currentTimeMillis(), AdminCommand.START, "test");
            timer.scheduleAtFixedRate(() -> engine.inbound().timerTicks().timer(System.currentTimeMillis()), 20, 20, TimeUnit.MILLISECONDS);
            final Gateway gateway = RunGateway.compose(gatewayConfig, config, engine, new CommandRing(1 << 16), null);
            try (gateway; Terminal terminal = new Terminal(gateway.start()))
            {
                terminal.run(600);
                assertTrue(terminal.heartbeats >= 2, "heartbeats while the engine works: " + terminal.heartbeats);

                engine.inbound().operatorCommands().admin(System.currentTimeMillis(), AdminCommand.HALT, "test");
                assertTrue(stuck.await(10, TimeUnit.SECONDS));
                terminal.run(800); // past deadAfterMillis without progress
                terminal.heartbeats = 0;
                terminal.echoes = 0;
                terminal.run(1_000);
                assertFalse(terminal.closed, "the connection itself is fine");
                assertTrue(terminal.echoes > 0, "the I/O thread still answers the terminal's heartbeats");
                assertEquals(0, terminal.heartbeats, "a stuck engine is a silent engine");

                release.countDown();
                terminal.run(1_000);
                assertTrue(terminal.heartbeats > 0, "heartbeats come back with the business thread");
            }
            finally
            {
                release.countDown(); // before the engine closes, whatever failed
                timer.shutdownNow();
            }
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

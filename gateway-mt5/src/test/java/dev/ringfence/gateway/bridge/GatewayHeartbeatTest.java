package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventWriter;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.wire.FrameReader;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import static org.junit.jupiter.api.Assertions.*;

/** A raw client, no simulator: the gateway's heartbeats vouch for the business thread. */
class GatewayHeartbeatTest
{
    private int heartbeatsSeenWhile(final boolean engineAlive, final String secret, final int[] acceptedOut) throws Exception
    {
        final EngineConfig config = new EngineConfig().validate();
        final GatewayConfig gatewayConfig = new GatewayConfig();
        gatewayConfig.port = 0;
        gatewayConfig.secret = "hb-secret";
        gatewayConfig.heartbeatMillis = 100;
        gatewayConfig.deadAfterMillis = 5_000;
        final CountingInbound inbound = new CountingInbound();
        try (Gateway gateway = new Gateway(gatewayConfig, new SymbolTable(config.symbols), inbound, new CommandRing(1 << 16))
            .heartbeatOnlyWhile(now -> engineAlive))
        {
            final int port = gateway.start();
            try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", port)))
            {
                final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocate(256));
                final int length = Wire.hello(out, 0, 5001, 1, 0, 2, "test", "USD", secret);
                client.write(ByteBuffer.wrap(out.byteArray(), 0, length));
                client.configureBlocking(false);
                final FrameReader reader = new FrameReader();
                final int[] heartbeats = new int[1];
                final long until = System.currentTimeMillis() + 1_000;
                while (System.currentTimeMillis() < until)
                {
                    reader.readFrom(client, (type, buffer, offset) ->
                    {
                        if (type == Wire.HEARTBEAT)
                        {
                            heartbeats[0]++;
                        }
                        else if (type == Wire.HELLO_ACK)
                        {
                            acceptedOut[0] = buffer.getInt(offset, Wire.ORDER);
                        }
                    });
                    Thread.sleep(10);
                }
                return heartbeats[0];
            }
        }
    }

    @Test
    void heartbeatsFlowWhileTheBusinessThreadIsAliveAndStopWhenItIsNot() throws Exception
    {
        final int[] accepted = new int[1];
        assertTrue(heartbeatsSeenWhile(true, "hb-secret", accepted) >= 5);
        assertEquals(1, accepted[0]);
        assertEquals(0, heartbeatsSeenWhile(false, "hb-secret", accepted), "a stuck engine is a silent engine");
    }

    @Test
    void aWrongSecretIsAnsweredWithTheReasonAndNoHeartbeats() throws Exception
    {
        final int[] accepted = {-1};
        assertEquals(0, heartbeatsSeenWhile(true, "guess", accepted));
        assertEquals(0, accepted[0]);
    }

    /** Counts what the gateway publishes; accepts everything. */
    private static final class CountingInbound extends InboundEventWriter
    {
        private final InboundEvent entry = new InboundEvent();

        @Override
        protected long claim()
        {
            return 0;
        }

        @Override
        protected InboundEvent entry(final long slot)
        {
            return entry;
        }

        @Override
        protected void commit(final long slot)
        {
        }

        @Override
        protected long nanoTime()
        {
            return 0;
        }
    }
}

package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.wire.Wire;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A full inbound ring is back-pressure on the terminal's socket: the gateway stops reading it (the bytes wait
 * in the kernel until the terminal's writes stall), while its heartbeats and the engine's commands still go out;
 * once the ring has room every frame is published, none lost, none twice.
 */
class GatewayBackPressureTest
{
    private static final int TICK_FRAME = Wire.HEADER_LENGTH + Wire.Tick.LENGTH;
    /** More than any loopback socket buffers: reaching it means the gateway kept reading. */
    private static final long FLOOD_LIMIT_BYTES = 512L * 1024 * 1024;

    @Test
    void aFullRingStopsReadingTheSocketWhileHeartbeatsAndCommandsStillGoOut() throws Exception
    {
        try (DrivenGateway rig = new DrivenGateway(config ->
            {
                config.heartbeatMillis = 100;
                config.deadAfterMillis = 1_000;
            });
            RawClient client = rig.connect())
        {
            rig.pump(client, () -> client.heartbeats == 1, "the first heartbeat");
            rig.inbound.full = true;

            // The terminal writes ticks until its writes stall: the gateway is not reading.
            final ByteBuffer ticks = ticks(1024);
            long written = 0;
            int stalled = 0;
            while (stalled < 200)
            {
                if (!ticks.hasRemaining())
                {
                    ticks.clear();
                }
                final int n = client.channel.write(ticks);
                written += n;
                stalled = n == 0 ? stalled + 1 : 0;
                rig.gateway.doWork();
                assertTrue(written < FLOOD_LIMIT_BYTES, "the gateway kept reading a socket it cannot publish from");
            }
            assertEquals(1, rig.gateway.counters().readPausesRingFull());
            assertEquals(0, rig.inbound.count(InboundEventType.TICK));

            // Meanwhile the engine's commands and heartbeats flow, and a long pause is not a dead peer.
            final int symbol = rig.symbols.idOf("EURUSD");
            final OrderNew.Encoder order = new OrderNew.Encoder(new SymbolNames(rig.symbols))
                .wrap(new UnsafeBuffer(new byte[OrderNew.LENGTH]), 0).clientOrderId(7).symbol(symbol).side(Side.BUY).volume(0.1);
            assertTrue(rig.commands.send(order.type(), order.buffer(), order.offset(), order.length()));
            rig.pump(client, () -> client.commands == 1, "the order, sent while the ring is full");
            for (int beat = 2; beat <= 20; beat++)
            {
                rig.advance(100);
                final int expected = beat;
                rig.pump(client, () -> client.heartbeats == expected, "heartbeat " + expected + " while the ring is full");
            }
            assertTrue(rig.gateway.counters().isTerminalConnected(), "the gateway, not the terminal, stopped reading");

            // Room again: every frame the terminal wrote is published, in one piece.
            rig.inbound.full = false;
            final long frames = written / TICK_FRAME;
            rig.pump(client, () -> rig.inbound.count(InboundEventType.TICK) == frames, frames + " ticks published");
            rig.idle(client, 20);
            assertEquals(frames, rig.inbound.count(InboundEventType.TICK));
            assertEquals(0, rig.gateway.counters().protocolErrors());
            assertTrue(rig.gateway.counters().isTerminalConnected());
        }
    }

    /** {@code count} TICK frames back to back. */
    private static ByteBuffer ticks(final int count)
    {
        final ByteBuffer bytes = ByteBuffer.allocate(count * TICK_FRAME);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        for (int i = 0; i < count; i++)
        {
            Wire.tick(buffer, i * TICK_FRAME, 1_700_000_000_000L + i, "EURUSD", 1.1000, 1.1002);
        }
        return bytes;
    }
}

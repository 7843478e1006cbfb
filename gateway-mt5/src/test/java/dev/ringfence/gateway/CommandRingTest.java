package dev.ringfence.gateway;

import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CommandRingTest
{
    private final List<String> received = new ArrayList<>();

    private final CommandRing.CommandTarget target = new CommandRing.CommandTarget()
    {
        @Override
        public void placeOrder(final long id, final int symbolId, final Side side, final double volume,
            final double sl, final double tp, final long expiresAt)
        {
            received.add("place " + id + " " + symbolId + " " + side + " " + volume + " " + sl + " " + tp + " " + expiresAt);
        }

        @Override
        public void closePosition(final long id, final long ticket, final int symbolId, final double volume)
        {
            received.add("close " + id + " " + ticket + " " + symbolId + " " + volume);
        }

        @Override
        public void resync(final long id)
        {
            received.add("resync " + id);
        }
    };

    @Test
    void commandsArriveInOrderWithEveryField()
    {
        final CommandRing ring = new CommandRing(4096);
        assertTrue(ring.placeOrder(Long.MAX_VALUE >> 1, 3, Side.SELL, 0.25, 1.2, 1.1, 123_456_789L));
        assertTrue(ring.closePosition(1L << 62 | 7, 100_001, 2, 1.5));
        assertTrue(ring.resync(42));
        assertEquals(3, ring.drainTo(new CommandRing.Decoder(target)));
        assertEquals(List.of(
            "place 4611686018427387903 3 SELL 0.25 1.2 1.1 123456789",
            "close 4611686018427387911 100001 2 1.5",
            "resync 42"), received);
        assertEquals(0, ring.drainTo(new CommandRing.Decoder(target)));
    }

    @Test
    void aFullRingRefusesInsteadOfBlocking()
    {
        final CommandRing ring = new CommandRing(1024);
        int accepted = 0;
        while (ring.resync(accepted + 1))
        {
            accepted++;
        }
        assertTrue(accepted > 0 && accepted < 1024);
        assertEquals(accepted, ring.drainTo(new CommandRing.Decoder(target)));
        assertTrue(ring.resync(1), "room again once drained");
    }
}

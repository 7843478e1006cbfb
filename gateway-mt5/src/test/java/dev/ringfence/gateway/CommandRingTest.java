package dev.ringfence.gateway;

import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.CommandEncoder;
import dev.ringfence.engine.command.Commands;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CommandRingTest
{
    private final SymbolTable symbols = new SymbolTable(new EngineConfig().validate().symbols);
    private final SymbolNames names = new SymbolNames(symbols);
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[Commands.MAX_LENGTH]);
    private final List<String> received = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();

    private final OrderCommands target = (type, buffer, offset, length) ->
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        bodies.add(bytes);
        switch (type)
        {
            case OrderNew.TYPE:
                final OrderNew.Decoder place = new OrderNew.Decoder().wrap(buffer, offset);
                received.add("place " + place.clientOrderId() + " " + place.symbolId(names) + " " + place.side() + " " + place.volume() + " " +
                    place.stopLoss() + " " + place.takeProfit() + " " + place.expiresAt());
                break;
            case ClosePosition.TYPE:
                final ClosePosition.Decoder close = new ClosePosition.Decoder().wrap(buffer, offset);
                received.add("close " + close.clientOrderId() + " " + close.ticket() + " " + close.volume());
                break;
            case Resync.TYPE:
                received.add("resync " + new Resync.Decoder().wrap(buffer, offset).lookupClientOrderId());
                break;
            default:
                fail("not a command: " + type);
        }
        return true;
    };

    /** Sends the command, then spoils the sender's buffer: what the ring holds must be its own copy. */
    private static boolean send(final CommandRing ring, final CommandEncoder command)
    {
        final boolean sent = ring.send(command.type(), command.buffer(), command.offset(), command.length());
        ((UnsafeBuffer)command.buffer()).setMemory(command.offset(), command.length(), (byte)0x5a);
        return sent;
    }

    private static byte[] bytesOf(final CommandEncoder command)
    {
        final byte[] bytes = new byte[command.length()];
        command.buffer().getBytes(command.offset(), bytes);
        return bytes;
    }

    @Test
    void commandsArriveInOrderWithEveryFieldAndTheirBytesAsSent()
    {
        final CommandRing ring = new CommandRing(4096);
        final int symbol = symbols.size() - 1;
        final OrderNew.Encoder place = new OrderNew.Encoder(names).wrap(body, 0).clientOrderId(Long.MAX_VALUE >> 1).symbol(symbol)
            .side(Side.SELL).volume(0.25).stopLoss(1.2).takeProfit(1.1).expiresAt(123_456_789L);
        final byte[] placeBytes = bytesOf(place);
        assertTrue(send(ring, place));
        final ClosePosition.Encoder close = new ClosePosition.Encoder().wrap(body, 0).clientOrderId(1L << 62 | 7).ticket(100_001).volume(1.5);
        final byte[] closeBytes = bytesOf(close);
        assertTrue(send(ring, close));
        assertTrue(send(ring, new Resync.Encoder().wrap(body, 0).lookupClientOrderId(42)));

        assertEquals(3, ring.drainTo(target));
        assertEquals(List.of(
            "place 4611686018427387903 " + symbol + " SELL 0.25 1.2 1.1 123456789",
            "close 4611686018427387911 100001 1.5",
            "resync 42"), received);
        assertArrayEquals(placeBytes, bodies.get(0));
        assertArrayEquals(closeBytes, bodies.get(1));
        assertEquals(Resync.LENGTH, bodies.get(2).length);
        assertEquals(0, ring.drainTo(target));
    }

    @Test
    void aFullRingRefusesInsteadOfBlocking()
    {
        final CommandRing ring = new CommandRing(1024);
        final Resync.Encoder resync = new Resync.Encoder();
        int accepted = 0;
        while (send(ring, resync.wrap(body, 0).lookupClientOrderId(accepted + 1)))
        {
            accepted++;
        }
        assertTrue(accepted > 0 && accepted < 1024);
        assertEquals(accepted, ring.drainTo(target));
        assertTrue(send(ring, resync.wrap(body, 0).lookupClientOrderId(1)), "room again once drained");
        assertEquals("resync " + accepted, received.get(accepted - 1), "oldest first");
    }

    @Test
    void aCommandQueuedWhileTheReaderWaitsWakesIt()
    {
        final CommandRing ring = new CommandRing(1024);
        final int[] wakes = {0};
        ring.wakeReaderWith(() -> wakes[0]++);
        ring.readerWaiting(true);

        assertTrue(send(ring, new Resync.Encoder().wrap(body, 0).lookupClientOrderId(1)));

        assertEquals(1, wakes[0]);
        assertFalse(ring.isEmpty());
    }

    @Test
    void aCommandQueuedWhileTheReaderWorksMakesNoWakeUp()
    {
        final CommandRing ring = new CommandRing(1024);
        final int[] wakes = {0};
        ring.wakeReaderWith(() -> wakes[0]++);
        ring.readerWaiting(true);
        ring.readerWaiting(false);

        assertTrue(send(ring, new Resync.Encoder().wrap(body, 0).lookupClientOrderId(1)));

        assertEquals(0, wakes[0]);
    }

    @Test
    void aRefusedCommandMakesNoWakeUp()
    {
        final CommandRing ring = new CommandRing(1024);
        final Resync.Encoder resync = new Resync.Encoder();
        while (send(ring, resync.wrap(body, 0).lookupClientOrderId(1)))
        {
            // fill it
        }
        final int[] wakes = {0};
        ring.wakeReaderWith(() -> wakes[0]++);
        ring.readerWaiting(true);

        assertFalse(send(ring, resync.wrap(body, 0).lookupClientOrderId(2)));

        assertEquals(0, wakes[0]);
    }
}

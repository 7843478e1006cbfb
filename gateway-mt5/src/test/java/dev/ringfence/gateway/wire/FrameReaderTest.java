package dev.ringfence.gateway.wire;

import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class FrameReaderTest
{
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocate(64 * 1024));
    private final List<String> received = new ArrayList<>();
    private final OrderNew.Encoder orderNew = new OrderNew.Encoder(new SymbolNames(new SymbolTable(List.of(SymbolSpec.standard("GBPUSD")))));

    /** Seven frames of every direction, back to back. */
    private byte[] sampleStream()
    {
        int o = 0;
        o += Wire.hello(out, o, 5001, 77, 7200, 2, "Broker-Live", "USD", "s3cret");
        o += Wire.tick(out, o, 1_000, "EURUSD", 1.1, 1.1002);
        o += Wire.account(out, o, 1_001, 5001, 10_000, 9_876.5, 100, 9_776.5, true, 7200, 15);
        o += Wire.position(out, o, 100_001, "XAUUSD", 1, 0.5, 2350.25, -12.5, 4242);
        o += Wire.orderResult(out, o, 1_002, 4242, 10009, 100_001, 2350.25, 0.5, 0);
        orderNew.wrap(out, o + Wire.HEADER_LENGTH).clientOrderId(4243).symbol(0).side(Side.BUY).volume(0.1).stopLoss(1.25).takeProfit(1.28)
            .expiresAt(99_999);
        o += Wire.header(out, o, Wire.ORDER_NEW);
        o += Wire.heartbeat(out, o, Wire.HEARTBEAT, 123_456_789L);
        final byte[] stream = new byte[o];
        out.getBytes(0, stream);
        return stream;
    }

    private void record(final int type, final UnsafeBuffer b, final int o)
    {
        switch (type)
        {
            case Wire.HELLO:
                received.add("HELLO " + b.getLong(o, Wire.ORDER) + " " + Wire.ascii(b, o + 24, Wire.SERVER_LENGTH) + " " +
                    Wire.ascii(b, o + 56, Wire.CURRENCY_LENGTH) + " " + Wire.secretEquals(b, o + 60, "s3cret".getBytes()));
                break;
            case Wire.TICK:
                received.add("TICK " + Wire.ascii(b, o + 8, 16) + " " + b.getDouble(o + 24, Wire.ORDER) + "/" + b.getDouble(o + 32, Wire.ORDER));
                break;
            case Wire.ACCOUNT:
                received.add("ACCOUNT " + b.getDouble(o + 24, Wire.ORDER) + " " + b.getInt(o + 48, Wire.ORDER));
                break;
            case Wire.POSITION:
                received.add("POSITION " + b.getLong(o, Wire.ORDER) + " " + "XAUUSD".equals(Wire.ascii(b, o + 8, 16)) + " " +
                    b.getLong(o + 56, Wire.ORDER));
                break;
            case Wire.ORDER_RESULT:
                received.add("ORDER_RESULT " + b.getLong(o + 8, Wire.ORDER) + " " + b.getInt(o + 16, Wire.ORDER));
                break;
            case Wire.ORDER_NEW:
                received.add("ORDER_NEW " + b.getLong(o, Wire.ORDER) + " " + Wire.ascii(b, o + 8, 16) + " " + b.getLong(o + 56, Wire.ORDER));
                break;
            case Wire.HEARTBEAT:
                received.add("HEARTBEAT " + b.getLong(o, Wire.ORDER));
                break;
            default:
                received.add("type " + type);
        }
    }

    private static final List<String> EXPECTED = List.of(
        "HELLO 5001 Broker-Live USD true",
        "TICK EURUSD 1.1/1.1002",
        "ACCOUNT 9876.5 1",
        "POSITION 100001 true 4242",
        "ORDER_RESULT 4242 10009",
        "ORDER_NEW 4243 GBPUSD 99999",
        "HEARTBEAT 123456789");

    @Test
    void everyFieldSurvivesAndFramesComeOutInOrder()
    {
        final byte[] stream = sampleStream();
        assertEquals(7, new FrameReader().offer(stream, 0, stream.length, this::record));
        assertEquals(EXPECTED, received);
    }

    @Test
    void aReaderStoppedByItsHandlerDeliversNothingMoreOfTheSameRead()
    {
        final byte[] stream = sampleStream();
        final FrameReader reader = new FrameReader();
        final int[] delivered = new int[1];
        assertEquals(1, reader.offer(stream, 0, stream.length, (type, buffer, offset) ->
        {
            delivered[0]++;
            reader.stop(); // as when the handler closes the connection
        }));
        assertEquals(1, delivered[0]);
        assertEquals(FrameReader.STOPPED, reader.offer(stream, 0, stream.length, this::record));
        assertTrue(received.isEmpty());

        reader.reset();
        assertEquals(7, reader.offer(stream, 0, stream.length, this::record), "a reset reader serves a new connection");
    }

    @Test
    void aPausedFrameAndTheOnesAfterItAreKeptAndDeliveredAgainInOrder()
    {
        final byte[] stream = sampleStream();
        final List<String> all = new ArrayList<>();
        new FrameReader().offer(stream, 0, stream.length, (type, b, o) -> record(type, b, o));
        all.addAll(received);
        received.clear();

        final FrameReader reader = new FrameReader();
        final int[] room = {2};
        final FrameReader.FrameHandler handler = (type, b, o) ->
        {
            if (room[0] == 0)
            {
                reader.pause();
                return;
            }
            room[0]--;
            record(type, b, o);
        };
        assertEquals(2, reader.offer(stream, 0, stream.length, handler));
        assertTrue(reader.isPaused());
        assertEquals(0, reader.deliverBuffered(handler), "still no room: nothing taken");
        assertTrue(reader.isPaused());
        room[0] = 3;
        assertEquals(3, reader.deliverBuffered(handler));
        room[0] = 100;
        assertEquals(2, reader.deliverBuffered(handler));
        assertFalse(reader.isPaused());
        assertEquals(all, received, "every frame once, in order");
    }

    @Test
    void aStreamSplitAtAnyByteDeliversTheSameFrames()
    {
        final byte[] stream = sampleStream();
        for (int split = 1; split < stream.length; split++)
        {
            received.clear();
            final FrameReader reader = new FrameReader();
            reader.offer(stream, 0, split, this::record);
            reader.offer(stream, split, stream.length - split, this::record);
            assertEquals(EXPECTED, received, "split at " + split);
        }
        received.clear();
        final FrameReader byteByByte = new FrameReader();
        for (int i = 0; i < stream.length; i++)
        {
            byteByByte.offer(stream, i, 1, this::record);
        }
        assertEquals(EXPECTED, received);
    }

    @Test
    void malformedHeadersAreRefusedBeforeAnythingIsDelivered()
    {
        final byte[] good = sampleStream();
        assertEquals(FrameReader.BAD_LENGTH, corrupt(good, 0, 7));
        assertEquals(FrameReader.BAD_LENGTH, corrupt(good, 0, 1 << 20));
        assertEquals(FrameReader.UNKNOWN_TYPE, corruptShort(good, 4, 999));
        assertEquals(FrameReader.BAD_VERSION, corruptShort(good, 6, 1), "version 1 is no longer spoken");
        assertEquals(FrameReader.BAD_VERSION, corruptShort(good, 6, 3));
        assertEquals(FrameReader.WRONG_BODY_LENGTH, corrupt(good, 0, 99));
        assertTrue(received.isEmpty());
    }

    private int corrupt(final byte[] good, final int at, final int value)
    {
        final byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(Wire.ORDER).putInt(at, value);
        return new FrameReader().offer(bad, 0, bad.length, this::record);
    }

    private int corruptShort(final byte[] good, final int at, final int value)
    {
        final byte[] bad = good.clone();
        ByteBuffer.wrap(bad).order(Wire.ORDER).putShort(at, (short)value);
        return new FrameReader().offer(bad, 0, bad.length, this::record);
    }

    /**
     * Seeded mutation fuzzing: flipped bytes, cuts, duplications and random garbage, fed in random
     * chunks. The reader must never throw, never deliver a frame whose length does not match its type,
     * and stop at the first malformed frame.
     */
    @Test
    void randomlyMutatedStreamsNeverEscapeTheReader()
    {
        final byte[] good = sampleStream();
        final SplittableRandom random = new SplittableRandom(20261122);
        int refused = 0;
        for (int round = 0; round < 200_000; round++)
        {
            final byte[] input = mutate(good, random);
            final FrameReader reader = new FrameReader();
            final int[] delivered = new int[1];
            int position = 0;
            int result = 0;
            while (position < input.length && result >= 0)
            {
                final int chunk = 1 + random.nextInt(Math.min(64, input.length - position));
                result = reader.offer(input, position, chunk, (type, buffer, bodyOffset) ->
                {
                    assertTrue(Wire.bodyLength(type) >= 0, "delivered an unknown type " + type);
                    assertEquals(Wire.HEADER_LENGTH + Wire.bodyLength(type), buffer.getInt(bodyOffset - Wire.HEADER_LENGTH, Wire.ORDER));
                    delivered[0]++;
                });
                position += chunk;
            }
            if (result < 0)
            {
                refused++;
            }
            assertTrue(delivered[0] <= 7 * 2 + 64, "round " + round);
        }
        // Flips inside a body pass framing (fields are checked by the gateway); headers never do.
        assertTrue(refused > 50_000, "mutations refused: " + refused);
    }

    private static byte[] mutate(final byte[] good, final SplittableRandom random)
    {
        byte[] bytes = good.clone();
        switch (random.nextInt(4))
        {
            case 0:
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++)
                {
                    bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                }
                break;
            case 1:
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                break;
            case 2:
                final byte[] doubled = Arrays.copyOf(bytes, bytes.length * 2);
                System.arraycopy(bytes, 0, doubled, bytes.length, bytes.length);
                doubled[random.nextInt(doubled.length)] ^= (byte)(1 << random.nextInt(8));
                bytes = doubled;
                break;
            default:
                bytes = new byte[1 + random.nextInt(600)];
                for (int i = 0; i < bytes.length; i++)
                {
                    bytes[i] = (byte)random.nextInt(256);
                }
                break;
        }
        return bytes;
    }
}

package dev.ringfence.journal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The entries' checksum is 32-bit FNV-1a over the bytes as stored, however many it reads at a time. */
class JournalChecksumPropertyTest
{
    /** The definition: one byte at a time. */
    private static int fnv1a(final byte[] data, final int from, final int to)
    {
        int hash = 0x811c9dc5;
        for (int i = from; i < to; i++)
        {
            hash ^= data[i] & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }

    /** A byte array and a stretch [from, to) of it. */
    record Stretch(byte[] data, int from, int to)
    {
    }

    @Provide
    Arbitrary<Stretch> stretches()
    {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300).flatMap(data ->
            Combinators.combine(Arbitraries.integers().between(0, data.length), Arbitraries.integers().between(0, data.length))
                .as((a, b) -> new Stretch(data, Math.min(a, b), Math.max(a, b))));
    }

    @Property
    void onHeapBytesHashAsOneByteAtATime(@ForAll("stretches") final Stretch s)
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(Math.max(1, s.data().length));
        bytes.write(s.data());
        assertEquals(fnv1a(s.data(), s.from(), s.to()), JournalCodec.checksum(bytes, s.from(), s.to()));
    }

    @Property
    void offHeapBytesHashAsOneByteAtATime(@ForAll("stretches") final Stretch s)
    {
        final Bytes<?> bytes = Bytes.allocateElasticDirect(Math.max(1, s.data().length));
        try
        {
            bytes.write(s.data());
            assertEquals(fnv1a(s.data(), s.from(), s.to()), JournalCodec.checksum(bytes, s.from(), s.to()));
        }
        finally
        {
            bytes.releaseLast();
        }
    }

    @Test
    void publishedFnv1aVectors()
    {
        assertEquals(0x811c9dc5, checksumOf(""));
        assertEquals(0xe40c292c, checksumOf("a"));
        assertEquals(0xbf9cf968, checksumOf("foobar"));
    }

    private static int checksumOf(final String text)
    {
        final byte[] data = text.getBytes(StandardCharsets.US_ASCII);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(Math.max(1, data.length));
        bytes.write(data);
        return JournalCodec.checksum(bytes, 0, data.length);
    }
}

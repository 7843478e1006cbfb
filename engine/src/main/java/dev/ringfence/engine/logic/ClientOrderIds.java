package dev.ringfence.engine.logic;

/**
 * Client order ids derived deterministically from the signal id, so a retry, a restart or a replay of
 * the same signal produces the same id, which the terminal keeps as the order's magic number.
 *
 * <p>64-bit FNV-1a over the id's UTF-16 chars, masked to 62 bits: positive, never zero, and the top bit
 * left free for {@link Flattener#CLOSE_ID_BIT}. A collision between two live signal ids is detected by
 * the order book and rejected, never merged.
 */
final class ClientOrderIds
{
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long MASK = (1L << 62) - 1;

    private ClientOrderIds()
    {
    }

    static long forSignal(final CharSequence signalId)
    {
        long hash = FNV_OFFSET;
        for (int i = 0, n = signalId.length(); i < n; i++)
        {
            final char c = signalId.charAt(i);
            hash ^= c & 0xff;
            hash *= FNV_PRIME;
            hash ^= c >>> 8;
            hash *= FNV_PRIME;
        }
        final long id = hash & MASK;
        return id == 0 ? 1 : id;
    }
}

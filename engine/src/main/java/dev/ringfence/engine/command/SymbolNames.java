package dev.ringfence.engine.command;

import dev.ringfence.engine.config.SymbolTable;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Symbol names as the bridge's 16-byte symbol field holds them (ASCII, zero-padded), encoded once per symbol id so
 * that writing a name is a copy and reading one back is a comparison: neither allocates. A handful of symbols: a
 * linear scan wins. Immutable after construction; safe to share between threads.
 */
public final class SymbolNames
{
    /** The width of every symbol field of the protocol. */
    public static final int LENGTH = 16;

    /** The name of each id, unpadded (a configured name longer than the field never matches). */
    private final byte[][] names;
    /** The field each id is written as: the name truncated or zero-padded to {@link #LENGTH}, non-ASCII as '?'. */
    private final byte[][] fields;
    /** What an id the table does not know is written as. */
    private final byte[] unknown;

    public SymbolNames(final SymbolTable symbols)
    {
        names = new byte[symbols.size()][];
        fields = new byte[symbols.size()][];
        for (int i = 0; i < names.length; i++)
        {
            final String name = symbols.name(i);
            names[i] = ascii(name, name.length());
            fields[i] = ascii(name, LENGTH);
        }
        unknown = ascii(symbols.name(SymbolTable.UNKNOWN), LENGTH);
    }

    /** The id of the symbol named by the field at {@code offset}, or {@link SymbolTable#UNKNOWN}. */
    public int idOf(final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (spells(buffer, offset, names[i]))
            {
                return i;
            }
        }
        return SymbolTable.UNKNOWN;
    }

    /** Writes the field of {@code symbolId} at {@code offset}. */
    public void put(final MutableDirectBuffer buffer, final int offset, final int symbolId)
    {
        buffer.putBytes(offset, symbolId >= 0 && symbolId < fields.length ? fields[symbolId] : unknown);
    }

    /** True when the field spells exactly {@code name}: its bytes, then the end of the field or a zero. */
    private static boolean spells(final DirectBuffer buffer, final int offset, final byte[] name)
    {
        if (name.length > LENGTH)
        {
            return false;
        }
        for (int i = 0; i < name.length; i++)
        {
            if (buffer.getByte(offset + i) != name[i])
            {
                return false;
            }
        }
        return name.length == LENGTH || buffer.getByte(offset + name.length) == 0;
    }

    /** {@code size} bytes: {@code text} as ASCII ('?' for any other character), truncated or zero-padded. */
    private static byte[] ascii(final String text, final int size)
    {
        final int n = Math.min(text.length(), size);
        final byte[] bytes = new byte[size];
        for (int i = 0; i < n; i++)
        {
            final char c = text.charAt(i);
            bytes[i] = (byte)(c < 128 ? c : '?');
        }
        return bytes;
    }
}

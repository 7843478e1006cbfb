package dev.ringfence.gateway.wire;

import dev.ringfence.engine.config.SymbolTable;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/** Symbol names as wire bytes, matched without allocating (a handful of symbols: a linear scan wins). */
public final class SymbolNames
{
    private final byte[][] names;

    public SymbolNames(final SymbolTable symbols)
    {
        names = new byte[symbols.size()][];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = symbols.name(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** The id of the symbol named by the 16-byte field at {@code offset}, or -1. */
    public int idOf(final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (Wire.asciiEquals(buffer, offset, Wire.SYMBOL_LENGTH, names[i]))
            {
                return i;
            }
        }
        return -1;
    }
}

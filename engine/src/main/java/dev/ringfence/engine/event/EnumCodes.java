package dev.ringfence.engine.event;

import java.lang.reflect.Array;
import java.util.function.ToIntFunction;

/**
 * Lookup tables from an enum's stable numeric codes (what journals record, never the ordinal) back to its
 * constants. A table is built once per enum; a lookup allocates nothing.
 */
final class EnumCodes
{
    private EnumCodes()
    {
    }

    /** The constants indexed by code; fails the enum's initialisation on a negative, too large or repeated code. */
    static <E extends Enum<E>> E[] byCode(final E[] values, final ToIntFunction<E> code)
    {
        int max = -1;
        for (final E value : values)
        {
            final int c = code.applyAsInt(value);
            if (c < 0 || c > Byte.MAX_VALUE)
            {
                throw new IllegalStateException(value + " has code " + c + ", outside 0.." + Byte.MAX_VALUE);
            }
            max = Math.max(max, c);
        }
        @SuppressWarnings("unchecked")
        final E[] table = (E[])Array.newInstance(values.getClass().getComponentType(), max + 1);
        for (final E value : values)
        {
            final int c = code.applyAsInt(value);
            if (table[c] != null)
            {
                throw new IllegalStateException(value + " and " + table[c] + " share the code " + c);
            }
            table[c] = value;
        }
        return table;
    }

    /** The constant with {@code code}; an unknown code (a newer writer, or damage) is refused by name. */
    static <E extends Enum<E>> E fromCode(final E[] table, final int code, final String enumName)
    {
        if (code < 0 || code >= table.length || table[code] == null)
        {
            throw new IllegalArgumentException("unknown " + enumName + " code " + code);
        }
        return table[code];
    }
}

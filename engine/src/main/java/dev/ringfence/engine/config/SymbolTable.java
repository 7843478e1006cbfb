package dev.ringfence.engine.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbols interned to small ints at configuration time, so the hot path carries an {@code int} and
 * never a string. Immutable after construction; safe to share between threads.
 */
public final class SymbolTable
{
    public static final int UNKNOWN = -1;

    private final SymbolSpec[] specs;
    private final Map<String, Integer> idsByName = new HashMap<>();

    public SymbolTable(final List<SymbolSpec> specs)
    {
        this.specs = specs.toArray(new SymbolSpec[0]);
        for (int i = 0; i < this.specs.length; i++)
        {
            if (idsByName.put(this.specs[i].name(), i) != null)
            {
                throw new IllegalArgumentException("symbol " + this.specs[i].name() + " is configured twice");
            }
        }
    }

    /** The id of a symbol name, or {@link #UNKNOWN}. Called by adapters, off the business thread. */
    public int idOf(final String name)
    {
        final Integer id = idsByName.get(name);
        return id == null ? UNKNOWN : id;
    }

    public boolean isKnown(final int symbolId)
    {
        return symbolId >= 0 && symbolId < specs.length;
    }

    public SymbolSpec spec(final int symbolId)
    {
        return specs[symbolId];
    }

    /** The symbol's name; {@code "?"} for an unknown id. */
    public String name(final int symbolId)
    {
        return isKnown(symbolId) ? specs[symbolId].name() : "?";
    }

    public int size()
    {
        return specs.length;
    }
}

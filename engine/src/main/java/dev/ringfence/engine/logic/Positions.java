package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.Side;

/**
 * The open positions the engine believes in, as parallel primitive arrays (no object per position), plus
 * a staging area that a positions snapshot fills entry by entry before it replaces the live set.
 *
 * <p>Owned by the business thread. Capacity is fixed at construction; a snapshot larger than it is
 * truncated and reported by {@link #stagingOverflowed()}.
 */
final class Positions
{
    private final int capacity;

    private final long[] tickets;
    private final int[] symbolIds;
    private final Side[] sides;
    private final double[] volumes;
    private final double[] openPrices;
    private final double[] profits;
    private final long[] magics;
    private int count;
    /** Changes whenever the live set does (an entry added, updated or removed, a snapshot applied). */
    private long version;

    private final long[] stagedTickets;
    private final int[] stagedSymbolIds;
    private final Side[] stagedSides;
    private final double[] stagedVolumes;
    private final double[] stagedOpenPrices;
    private final double[] stagedProfits;
    private final long[] stagedMagics;
    private int stagedCount;
    private int stagedExpected = -1;
    private boolean stagingOverflowed;

    Positions(final int capacity)
    {
        this.capacity = capacity;
        tickets = new long[capacity];
        symbolIds = new int[capacity];
        sides = new Side[capacity];
        volumes = new double[capacity];
        openPrices = new double[capacity];
        profits = new double[capacity];
        magics = new long[capacity];
        stagedTickets = new long[capacity];
        stagedSymbolIds = new int[capacity];
        stagedSides = new Side[capacity];
        stagedVolumes = new double[capacity];
        stagedOpenPrices = new double[capacity];
        stagedProfits = new double[capacity];
        stagedMagics = new long[capacity];
    }

    int count()
    {
        return count;
    }

    long version()
    {
        return version;
    }

    int indexOf(final long ticket)
    {
        for (int i = 0; i < count; i++)
        {
            if (tickets[i] == ticket)
            {
                return i;
            }
        }
        return -1;
    }

    int indexOfMagic(final long magic)
    {
        for (int i = 0; i < count; i++)
        {
            if (magics[i] == magic)
            {
                return i;
            }
        }
        return -1;
    }

    /** Adds or updates a position (an execution may arrive after a snapshot already showed it). */
    boolean put(
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double openPrice,
        final double profit,
        final long magic)
    {
        int i = indexOf(ticket);
        if (i < 0)
        {
            if (count == capacity)
            {
                return false;
            }
            i = count++;
        }
        tickets[i] = ticket;
        symbolIds[i] = symbolId;
        sides[i] = side;
        volumes[i] = volume;
        openPrices[i] = openPrice;
        profits[i] = profit;
        magics[i] = magic;
        version++;
        return true;
    }

    /** Removes the position at {@code index}; the last one moves into its place. */
    void removeAt(final int index)
    {
        final int last = --count;
        tickets[index] = tickets[last];
        symbolIds[index] = symbolIds[last];
        sides[index] = sides[last];
        volumes[index] = volumes[last];
        openPrices[index] = openPrices[last];
        profits[index] = profits[last];
        magics[index] = magics[last];
        sides[last] = null;
        version++;
    }

    long ticket(final int index)
    {
        return tickets[index];
    }

    int symbolId(final int index)
    {
        return symbolIds[index];
    }

    Side side(final int index)
    {
        return sides[index];
    }

    double volume(final int index)
    {
        return volumes[index];
    }

    double openPrice(final int index)
    {
        return openPrices[index];
    }

    double profit(final int index)
    {
        return profits[index];
    }

    long magic(final int index)
    {
        return magics[index];
    }

    // ---- snapshot staging

    void beginSnapshot(final int expected)
    {
        stagedCount = 0;
        stagedExpected = expected;
        stagingOverflowed = expected > capacity;
    }

    boolean isStaging()
    {
        return stagedExpected >= 0;
    }

    /** Adds one entry to the staged snapshot; returns true when the snapshot is now complete. */
    boolean stage(
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double openPrice,
        final double profit,
        final long magic)
    {
        if (stagedCount < capacity)
        {
            final int i = stagedCount;
            stagedTickets[i] = ticket;
            stagedSymbolIds[i] = symbolId;
            stagedSides[i] = side;
            stagedVolumes[i] = volume;
            stagedOpenPrices[i] = openPrice;
            stagedProfits[i] = profit;
            stagedMagics[i] = magic;
        }
        stagedCount++;
        return stagedCount >= stagedExpected;
    }

    boolean stagingOverflowed()
    {
        return stagingOverflowed;
    }

    boolean stagedContains(final long ticket)
    {
        final int n = Math.min(stagedCount, capacity);
        for (int i = 0; i < n; i++)
        {
            if (stagedTickets[i] == ticket)
            {
                return true;
            }
        }
        return false;
    }

    /** Staged positions the live set does not have (new to the engine). */
    int stagedCountNotIn()
    {
        final int n = Math.min(stagedCount, capacity);
        int unknown = 0;
        for (int i = 0; i < n; i++)
        {
            if (indexOf(stagedTickets[i]) < 0)
            {
                unknown++;
            }
        }
        return unknown;
    }

    /** Replaces the live set with the completed staged snapshot. */
    void applyStaged()
    {
        final int n = Math.min(stagedCount, capacity);
        System.arraycopy(stagedTickets, 0, tickets, 0, n);
        System.arraycopy(stagedSymbolIds, 0, symbolIds, 0, n);
        System.arraycopy(stagedSides, 0, sides, 0, n);
        System.arraycopy(stagedVolumes, 0, volumes, 0, n);
        System.arraycopy(stagedOpenPrices, 0, openPrices, 0, n);
        System.arraycopy(stagedProfits, 0, profits, 0, n);
        System.arraycopy(stagedMagics, 0, magics, 0, n);
        for (int i = n; i < count; i++)
        {
            sides[i] = null;
        }
        count = n;
        version++;
        stagedExpected = -1;
        stagedCount = 0;
    }
}

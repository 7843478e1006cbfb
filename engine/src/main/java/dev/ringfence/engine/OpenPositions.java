package dev.ringfence.engine;

import dev.ringfence.engine.event.Side;

/**
 * The open positions the business thread believes in, copied at one instant for other threads (the
 * operator console). Immutable once built, so publishing one reference publishes all of it. A new copy is
 * made only when the positions changed, on the status board's refresh.
 */
public final class OpenPositions
{
    /** No position (also what a board shows before its first refresh). */
    public static final OpenPositions NONE = new OpenPositions(0, 0);

    /** The engine time of the copy, in epoch milliseconds. */
    public final long timeMillis;
    private final int count;
    private final long[] tickets;
    private final int[] symbolIds;
    private final Side[] sides;
    private final double[] volumes;
    private final double[] openPrices;
    private final double[] profits;

    /** Business thread only: an empty copy of {@code count} positions, filled with {@link #set} before it is published. */
    public OpenPositions(final long timeMillis, final int count)
    {
        this.timeMillis = timeMillis;
        this.count = count;
        tickets = new long[count];
        symbolIds = new int[count];
        sides = new Side[count];
        volumes = new double[count];
        openPrices = new double[count];
        profits = new double[count];
    }

    /** Business thread only, before publication. */
    public void set(
        final int index,
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double openPrice,
        final double profit)
    {
        tickets[index] = ticket;
        symbolIds[index] = symbolId;
        sides[index] = side;
        volumes[index] = volume;
        openPrices[index] = openPrice;
        profits[index] = profit;
    }

    public int count()
    {
        return count;
    }

    public long ticket(final int index)
    {
        return tickets[index];
    }

    public int symbolId(final int index)
    {
        return symbolIds[index];
    }

    public Side side(final int index)
    {
        return sides[index];
    }

    public double volume(final int index)
    {
        return volumes[index];
    }

    public double openPrice(final int index)
    {
        return openPrices[index];
    }

    /** Floating profit as the terminal last reported it (0 for a fill not yet in a snapshot). */
    public double profit(final int index)
    {
        return profits[index];
    }
}

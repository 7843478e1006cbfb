package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.Money;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.InboundEvent;

/**
 * Deals that close part of a known position, as the terminal reports them ({@code POSITION_CLOSED} with the
 * volume left): each counted once ({@code POSITION_REDUCED}), the position reduced to what is left. A deal that
 * leaves nothing is handed back to the business logic, the one place a position leaves the book. Owned by the
 * business thread; allocation-free.
 */
final class PartialCloses
{
    private final Positions positions;
    private final LifecycleEmitter emitter;
    /** The last partial closes counted, as (ticket, volume left): the same deal reported again is counted once. */
    private final long[] reducedTickets = new long[64];
    private final double[] reducedRemaining = new double[64];
    private int reducedCursor;

    PartialCloses(final Positions positions, final LifecycleEmitter emitter)
    {
        this.positions = positions;
        this.emitter = emitter;
    }

    /**
     * A deal closed (part of) a known position; its profit is realized exactly once. No volume left: the position
     * leaves the book (POSITION_CLOSED, once: a report for a position already gone changes nothing). Some left: the
     * position is reduced to it (POSITION_REDUCED); when a snapshot already showed the smaller volume, the deal's
     * profit is still counted and the volume left as it is. The same deal reported again (same position, same
     * volume left, among the last 64) is ignored, and so is a report that cannot be read (a remaining volume that
     * is negative or not finite): the next snapshot settles the position. Returns the index of a position the
     * deal closed entirely (the caller takes it off the book), or -1.
     */
    int onPositionClosed(final long now, final InboundEvent event)
    {
        final int index = positions.indexOf(event.ticket());
        final double remaining = event.remainingVolume();
        if (index < 0 || !(remaining >= 0) || Double.isInfinite(remaining))
        {
            return -1;
        }
        if (remaining <= Money.VOLUME_EPSILON)
        {
            return index;
        }
        if (!firstReportOfReduction(event.ticket(), remaining))
        {
            return -1;
        }
        final double before = positions.volume(index);
        if (remaining < before - Money.VOLUME_EPSILON)
        {
            positions.reduce(index, remaining);
        }
        emitter.positionReduced(now, positions.ticket(index), positions.symbolId(index), positions.side(index),
            event.volume() > 0 ? event.volume() : Math.max(0, before - remaining), remaining, event.profit(),
            event.closeReason() == null ? CloseReason.UNKNOWN : event.closeReason());
        return -1;
    }

    /** True the first time a partial close of {@code ticket} leaving {@code remaining} is reported; remembers it. */
    private boolean firstReportOfReduction(final long ticket, final double remaining)
    {
        for (int i = 0; i < reducedTickets.length; i++)
        {
            if (reducedTickets[i] == ticket && Math.abs(reducedRemaining[i] - remaining) <= Money.VOLUME_EPSILON)
            {
                return false;
            }
        }
        reducedTickets[reducedCursor] = ticket;
        reducedRemaining[reducedCursor] = remaining;
        reducedCursor = (reducedCursor + 1) & (reducedTickets.length - 1);
        return true;
    }
}

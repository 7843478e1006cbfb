package dev.ringfence.journal;

import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A replayed decision is the recorded one only when every field of it matches. */
class DecisionsTest
{
    private static LifecycleEvent positionReduced(final double remainingVolume)
    {
        final LifecycleEvent e = new LifecycleEvent();
        e.restore(LifecycleEventType.POSITION_REDUCED, 1_767_571_200_000L, null, LifecycleEvent.NONE, 42, 0, Side.BUY, 0.4,
            0, -12.5, 0, "UNKNOWN", null, null, 0, 0, 0, 0, 0, 0, null, null, 0, 0, 0, null, null, 0, remainingVolume);
        return e;
    }

    @Test
    void aPositionReducedToAnotherRemainingVolumeIsAnotherDecision()
    {
        assertTrue(Decisions.same(positionReduced(0.6), positionReduced(0.6)));
        assertFalse(Decisions.same(positionReduced(0.6), positionReduced(0.5)));
        assertFalse(Decisions.same(positionReduced(0.5), positionReduced(0.6)));
    }

    @Test
    void theRemainingVolumeIsComparedBitForBit()
    {
        assertTrue(Decisions.same(positionReduced(Double.NaN), positionReduced(Double.NaN)));
        assertFalse(Decisions.same(positionReduced(0.0), positionReduced(-0.0)));
    }
}

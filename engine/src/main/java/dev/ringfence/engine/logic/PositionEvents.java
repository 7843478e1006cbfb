package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.CloseReason;

/** The one place a known position leaves the book, so {@code POSITION_CLOSED} is emitted exactly once. */
interface PositionEvents
{
    void positionClosed(long nowMillis, int index, double profit, CloseReason reason);
}

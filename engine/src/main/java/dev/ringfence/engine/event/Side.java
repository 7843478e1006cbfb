package dev.ringfence.engine.event;

/** Direction of an order or a position. */
public enum Side
{
    BUY,
    SELL;

    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }
}

package dev.ringfence.engine.logic;

/**
 * In-flight orders, entries and closes, from a pre-allocated pool. Lookups scan linearly: the book holds
 * at most a few dozen orders at a time (bounded by max open positions and the rate limit), where a scan
 * over a dense array beats hashing and allocates nothing.
 *
 * <p>Owned by the business thread.
 */
final class OrderBook
{
    private final Order[] active;
    private final Order[] free;
    private int activeCount;
    private int freeCount;
    /** Client order ids of the last settled orders, so a late or repeated answer is recognised. */
    private final long[] recentlySettled = new long[64];
    private int settledCursor;

    OrderBook(final int capacity)
    {
        active = new Order[capacity];
        free = new Order[capacity];
        for (int i = 0; i < capacity; i++)
        {
            free[i] = new Order();
        }
        freeCount = capacity;
    }

    /** A fresh order, or null when the book is full. */
    Order open(final Order.Kind kind, final long clientOrderId)
    {
        if (freeCount == 0)
        {
            return null;
        }
        final Order order = free[--freeCount];
        free[freeCount] = null;
        order.reset();
        order.kind = kind;
        order.clientOrderId = clientOrderId;
        active[activeCount++] = order;
        return order;
    }

    Order find(final long clientOrderId)
    {
        for (int i = 0; i < activeCount; i++)
        {
            if (active[i].clientOrderId == clientOrderId)
            {
                return active[i];
            }
        }
        return null;
    }

    /** The close in flight for a ticket, or null. */
    Order findClose(final long ticket)
    {
        for (int i = 0; i < activeCount; i++)
        {
            final Order order = active[i];
            if (order.kind == Order.Kind.CLOSE && order.ticket == ticket)
            {
                return order;
            }
        }
        return null;
    }

    void remove(final Order order)
    {
        for (int i = 0; i < activeCount; i++)
        {
            if (active[i] == order)
            {
                active[i] = active[--activeCount];
                active[activeCount] = null;
                recentlySettled[settledCursor] = order.clientOrderId;
                settledCursor = (settledCursor + 1) & (recentlySettled.length - 1);
                order.reset();
                free[freeCount++] = order;
                return;
            }
        }
    }

    /** True when the order was settled recently: an answer for it now is a harmless duplicate. */
    boolean wasRecentlySettled(final long clientOrderId)
    {
        for (final long settled : recentlySettled)
        {
            if (settled == clientOrderId && clientOrderId != 0)
            {
                return true;
            }
        }
        return false;
    }

    int size()
    {
        return activeCount;
    }

    /** The order at a position of the active list; positions shift when an order is removed. */
    Order at(final int index)
    {
        return active[index];
    }

    int count(final Order.Kind kind)
    {
        int n = 0;
        for (int i = 0; i < activeCount; i++)
        {
            if (active[i].kind == kind)
            {
                n++;
            }
        }
        return n;
    }
}

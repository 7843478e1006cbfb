package dev.ringfence.engine.event;

/**
 * A reused flyweight describing one lifecycle event. Which fields each type carries is declared once, on
 * {@link LifecycleEventType} ({@link LifecycleField}s, in order); {@link LifecycleEventWriter}'s one method per
 * type is the only code that fills an event for output, and {@link #restore} the only one that fills it from a
 * record (the journal). The holders below are shared between types (a count is the positions closed of one
 * and the differences of another); nothing is allocated per event.
 */
public final class LifecycleEvent
{
    public static final long NONE = 0;

    // Package-private: filled by LifecycleEventWriter's methods (and restore), read through the accessors.
    LifecycleEventType type;
    long timeMillis;

    String signalId;
    long clientOrderId;
    long ticket;
    int symbolId = -1;
    Side side;
    double volume;
    double price;
    double profit;
    int retcode;
    /** A constant code (an enum name or a return code name); never a formatted string. */
    String reason;
    /** A second constant code refining {@link #reason}, or null. */
    String detail;

    GuardRule rule;
    double equity;
    double peak;
    double drawdownPercent;
    double threshold;
    int levelPercent;
    double usedPercent;
    GuardState fromState;
    GuardState toState;
    int count;
    int pendingOrders;
    double oldPeak;
    String actor;
    AdminCommand command;
    /** DATA_DEGRADED: age of the last valid sample; ORDER_WAITING: how long until the order is tried again. */
    long ageMillis;
    /** POSITION_REDUCED: the volume still open. */
    double remainingVolume;

    final HeartbeatData heartbeat = new HeartbeatData();

    /** Starts an event of {@code type}: every holder empty but the heartbeat's figures, which only a HEARTBEAT reads. */
    LifecycleEvent begin(final LifecycleEventType type, final long timeMillis)
    {
        this.type = type;
        this.timeMillis = timeMillis;
        signalId = null;
        clientOrderId = NONE;
        ticket = NONE;
        symbolId = -1;
        side = null;
        volume = 0;
        price = 0;
        profit = 0;
        retcode = 0;
        reason = null;
        detail = null;
        rule = null;
        equity = 0;
        peak = 0;
        drawdownPercent = 0;
        threshold = 0;
        levelPercent = 0;
        usedPercent = 0;
        fromState = null;
        toState = null;
        count = 0;
        pendingOrders = 0;
        oldPeak = 0;
        actor = null;
        command = null;
        ageMillis = 0;
        remainingVolume = 0;
        return this;
    }

    /**
     * Sets every holder (the heartbeat's figures apart) as a record holds them: for decoders of recorded events
     * (the journal), in the order they are recorded. The engine emits through {@link LifecycleEventWriter}.
     */
    public void restore(
        final LifecycleEventType type, final long timeMillis, final String signalId, final long clientOrderId, final long ticket,
        final int symbolId, final Side side, final double volume, final double price, final double profit, final int retcode,
        final String reason, final String detail, final GuardRule rule, final double equity, final double peak,
        final double drawdownPercent, final double threshold, final int levelPercent, final double usedPercent,
        final GuardState fromState, final GuardState toState, final int count, final int pendingOrders, final double oldPeak,
        final String actor, final AdminCommand command, final long ageMillis, final double remainingVolume)
    {
        this.type = type;
        this.timeMillis = timeMillis;
        this.signalId = signalId;
        this.clientOrderId = clientOrderId;
        this.ticket = ticket;
        this.symbolId = symbolId;
        this.side = side;
        this.volume = volume;
        this.price = price;
        this.profit = profit;
        this.retcode = retcode;
        this.reason = reason;
        this.detail = detail;
        this.rule = rule;
        this.equity = equity;
        this.peak = peak;
        this.drawdownPercent = drawdownPercent;
        this.threshold = threshold;
        this.levelPercent = levelPercent;
        this.usedPercent = usedPercent;
        this.fromState = fromState;
        this.toState = toState;
        this.count = count;
        this.pendingOrders = pendingOrders;
        this.oldPeak = oldPeak;
        this.actor = actor;
        this.command = command;
        this.ageMillis = ageMillis;
        this.remainingVolume = remainingVolume;
    }

    /** Copies every field (used by adapters that hand the event to another thread). */
    public void copyFrom(final LifecycleEvent o)
    {
        type = o.type;
        timeMillis = o.timeMillis;
        signalId = o.signalId;
        clientOrderId = o.clientOrderId;
        ticket = o.ticket;
        symbolId = o.symbolId;
        side = o.side;
        volume = o.volume;
        price = o.price;
        profit = o.profit;
        retcode = o.retcode;
        reason = o.reason;
        detail = o.detail;
        rule = o.rule;
        equity = o.equity;
        peak = o.peak;
        drawdownPercent = o.drawdownPercent;
        threshold = o.threshold;
        levelPercent = o.levelPercent;
        usedPercent = o.usedPercent;
        fromState = o.fromState;
        toState = o.toState;
        count = o.count;
        pendingOrders = o.pendingOrders;
        oldPeak = o.oldPeak;
        actor = o.actor;
        command = o.command;
        ageMillis = o.ageMillis;
        remainingVolume = o.remainingVolume;
        heartbeat.copyFrom(o.heartbeat);
    }

    public LifecycleEventType type()
    {
        return type;
    }

    public long timeMillis()
    {
        return timeMillis;
    }

    public String signalId()
    {
        return signalId;
    }

    public long clientOrderId()
    {
        return clientOrderId;
    }

    public long ticket()
    {
        return ticket;
    }

    public int symbolId()
    {
        return symbolId;
    }

    public Side side()
    {
        return side;
    }

    public double volume()
    {
        return volume;
    }

    public double price()
    {
        return price;
    }

    public double profit()
    {
        return profit;
    }

    public int retcode()
    {
        return retcode;
    }

    public String reason()
    {
        return reason;
    }

    public String detail()
    {
        return detail;
    }

    public GuardRule rule()
    {
        return rule;
    }

    public double equity()
    {
        return equity;
    }

    public double peak()
    {
        return peak;
    }

    public double drawdownPercent()
    {
        return drawdownPercent;
    }

    public double threshold()
    {
        return threshold;
    }

    public int levelPercent()
    {
        return levelPercent;
    }

    public double usedPercent()
    {
        return usedPercent;
    }

    public GuardState fromState()
    {
        return fromState;
    }

    public GuardState toState()
    {
        return toState;
    }

    /**
     * positionsClosed (FLATTEN_COMPLETED), differences (RECONCILED), failures (CIRCUIT_OPENED), open positions
     * (LOOP_STOPPED), the trade permissions (TERMINAL_TRADING_*).
     */
    public int count()
    {
        return count;
    }

    /** Orders still in flight (LOOP_STOPPED). */
    public int pendingOrders()
    {
        return pendingOrders;
    }

    public double oldPeak()
    {
        return oldPeak;
    }

    public String actor()
    {
        return actor;
    }

    public AdminCommand command()
    {
        return command;
    }

    public long ageMillis()
    {
        return ageMillis;
    }

    public double remainingVolume()
    {
        return remainingVolume;
    }

    /** A HEARTBEAT's figures; a decoder fills them in place. */
    public HeartbeatData heartbeat()
    {
        return heartbeat;
    }
}

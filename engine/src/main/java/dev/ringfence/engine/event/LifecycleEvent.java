package dev.ringfence.engine.event;

/**
 * A reused flyweight describing one lifecycle event. The business thread resets it, fills the fields
 * its {@link #type()} uses and hands it to {@link LifecycleEvents}; nothing is allocated per event.
 * Which fields each type carries is fixed by SCENARIOS.md and listed in {@code LifecycleJson} writers.
 */
public final class LifecycleEvent
{
    public static final long NONE = 0;

    private LifecycleEventType type;
    private long timeMillis;

    private String signalId;
    private long clientOrderId;
    private long ticket;
    private int symbolId = -1;
    private Side side;
    private double volume;
    private double price;
    private double profit;
    private int retcode;
    /** A constant code (an enum name or a return code name); never a formatted string. */
    private String reason;
    /** A second constant code refining {@link #reason}, or null. */
    private String detail;

    private GuardRule rule;
    private double equity;
    private double peak;
    private double drawdownPercent;
    private double threshold;
    private int levelPercent;
    private double usedPercent;
    private GuardState fromState;
    private GuardState toState;
    private int count;
    private int pendingOrders;
    private double oldPeak;
    private String actor;
    private AdminCommand command;
    /** DATA_DEGRADED: age of the last valid sample; ORDER_WAITING: how long until the order is tried again. */
    private long ageMillis;
    /** POSITION_REDUCED: the volume still open. */
    private double remainingVolume;

    private final HeartbeatData heartbeat = new HeartbeatData();

    public LifecycleEvent reset(final LifecycleEventType type, final long timeMillis)
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

    public LifecycleEvent signalId(final String signalId)
    {
        this.signalId = signalId;
        return this;
    }

    public LifecycleEvent clientOrderId(final long clientOrderId)
    {
        this.clientOrderId = clientOrderId;
        return this;
    }

    public LifecycleEvent ticket(final long ticket)
    {
        this.ticket = ticket;
        return this;
    }

    public LifecycleEvent symbolId(final int symbolId)
    {
        this.symbolId = symbolId;
        return this;
    }

    public LifecycleEvent side(final Side side)
    {
        this.side = side;
        return this;
    }

    public LifecycleEvent volume(final double volume)
    {
        this.volume = volume;
        return this;
    }

    public LifecycleEvent price(final double price)
    {
        this.price = price;
        return this;
    }

    public LifecycleEvent profit(final double profit)
    {
        this.profit = profit;
        return this;
    }

    public LifecycleEvent retcode(final int retcode)
    {
        this.retcode = retcode;
        return this;
    }

    public LifecycleEvent reason(final String reason)
    {
        this.reason = reason;
        return this;
    }

    public LifecycleEvent detail(final String detail)
    {
        this.detail = detail;
        return this;
    }

    public LifecycleEvent rule(final GuardRule rule)
    {
        this.rule = rule;
        return this;
    }

    public LifecycleEvent equity(final double equity)
    {
        this.equity = equity;
        return this;
    }

    public LifecycleEvent peak(final double peak)
    {
        this.peak = peak;
        return this;
    }

    public LifecycleEvent drawdownPercent(final double drawdownPercent)
    {
        this.drawdownPercent = drawdownPercent;
        return this;
    }

    public LifecycleEvent threshold(final double threshold)
    {
        this.threshold = threshold;
        return this;
    }

    public LifecycleEvent levelPercent(final int levelPercent)
    {
        this.levelPercent = levelPercent;
        return this;
    }

    public LifecycleEvent usedPercent(final double usedPercent)
    {
        this.usedPercent = usedPercent;
        return this;
    }

    public LifecycleEvent states(final GuardState from, final GuardState to)
    {
        this.fromState = from;
        this.toState = to;
        return this;
    }

    public LifecycleEvent count(final int count)
    {
        this.count = count;
        return this;
    }

    public LifecycleEvent pendingOrders(final int pendingOrders)
    {
        this.pendingOrders = pendingOrders;
        return this;
    }

    public LifecycleEvent oldPeak(final double oldPeak)
    {
        this.oldPeak = oldPeak;
        return this;
    }

    public LifecycleEvent actor(final String actor)
    {
        this.actor = actor;
        return this;
    }

    public LifecycleEvent command(final AdminCommand command)
    {
        this.command = command;
        return this;
    }

    public LifecycleEvent ageMillis(final long ageMillis)
    {
        this.ageMillis = ageMillis;
        return this;
    }

    public LifecycleEvent remainingVolume(final double remainingVolume)
    {
        this.remainingVolume = remainingVolume;
        return this;
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

    /** positionsClosed (FLATTEN_COMPLETED), differences (RECONCILED), failures (CIRCUIT_OPENED), open positions (LOOP_STOPPED). */
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

    public HeartbeatData heartbeat()
    {
        return heartbeat;
    }
}

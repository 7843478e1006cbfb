package dev.ringfence.engine.event;

/**
 * One pre-allocated entry of the inbound ring. Producers fill it in place through the ports of this package
 * ({@link InboundPorts}: each call sets every field its type uses, so no stale field from an earlier use
 * leaks), and the business-logic thread reads it. Fields unused by a type keep whatever they held; readers
 * only look at the fields of the current {@link #type()}. The fields are package-private (the enums private, behind
 * setters) for the ports alone; everything else reads them through the getters.
 *
 * <p>Times are epoch milliseconds of event time: the business logic takes all its time from here.
 * {@code publishNanos} is a monotonic stamp used only to measure processing latency, never for decisions.
 *
 * <p>Enum fields are held by ordinal, not by reference. An entry lives as long as the ring, so on G1 a reference
 * stored into it on every publish dirties a card each time, and the refinement thread that cleans the cards
 * wakes about a hundred times a second at 100,000 events/s, taking a core from the publisher or the business
 * thread (measured with the harness's engine pipeline; the limit pipeline, which stores no reference, has no such
 * wake-ups). Only the strings of signals, operator commands and configurations remain references.
 *
 * <p>Longer than most classes because the ring pre-allocates one entry class for every type of event: its fields and
 * getters are the inbound model, and the ports beside it are the only code that writes them.
 */
public final class InboundEvent
{
    /** The publish stamp of an event that was not published live (read back from a journal): not measured. */
    public static final long NOT_MEASURED = 0;

    /** An enum field that holds no constant (a port was given null). */
    private static final byte NO_CONSTANT = -1;
    private static final InboundEventType[] TYPES = InboundEventType.values();
    private static final Side[] SIDES = Side.values();
    private static final CloseReason[] CLOSE_REASONS = CloseReason.values();
    private static final AdminCommand[] ADMIN_COMMANDS = AdminCommand.values();

    /** The slot this entry was claimed under: the claiming thread's until it commits, never read by consumers. */
    long claimedSlot;
    private byte type = (byte)InboundEventType.TIMER.ordinal();
    long timeMillis;
    long publishNanos;
    /**
     * Set by the journal gate on every event it handles, before the business logic sees it: true when the
     * event could not be journaled. Never journaled itself, so a replay only ever sees journaled events.
     */
    private boolean notJournaled;

    // SIGNAL (also symbolId, side, volume)
    String signalId;
    double stopLoss;
    double takeProfit;
    long ttlMillis;
    long sourceTimeMillis;

    // shared by several types
    int symbolId;
    private byte side = NO_CONSTANT;
    double volume;
    double price;
    double profit;
    long ticket;

    // TICK
    double bid;
    double ask;

    // ACCOUNT
    long login;
    double balance;
    double equity;
    double margin;
    double freeMargin;
    boolean connected;
    long reportTimeMillis;
    int serverGmtOffsetSeconds;
    /** The terminal's {@link TradePermissions} bitmask. */
    int tradePermissions = TradePermissions.ALL;

    // TERMINAL_STATUS
    /** Whether the terminal of this session reports its symbol specs (false only in journals older than that). */
    boolean reportsSymbolSpecs;

    // SYMBOL_SPEC (also symbolId)
    double contractSize;
    double volumeMin;
    double volumeStep;
    double volumeMax;
    int digits;
    int fillingModes;

    // POSITIONS_BEGIN / POSITION / JOURNAL_GAP (the inputs lost)
    int count;
    long magic;

    // ORDER_RESULT
    long clientOrderId;
    int retcode;

    // POSITION_CLOSED (also volume: the volume this deal closed, 0 when not reported)
    private byte closeReason = NO_CONSTANT;
    /** The volume left open after the deal: 0 means the position is gone, more is a partial close. */
    double remainingVolume;

    // ADMIN
    private byte adminCommand = NO_CONSTANT;
    String actor;
    /** The issuer's id of this command (0 when it has none), under which the engine publishes its outcome. */
    long adminCommandId;

    // BALANCE_OPERATION
    double amount;

    // CONFIG
    String configText;

    /** Starts a claimed entry as a new event: the port then sets the fields of its type. */
    InboundEvent start(final long claimedSlot, final InboundEventType type, final long timeMillis)
    {
        this.claimedSlot = claimedSlot;
        this.type = (byte)type.ordinal();
        this.timeMillis = timeMillis;
        return this;
    }

    void side(final Side side)
    {
        this.side = ordinalOf(side);
    }

    void closeReason(final CloseReason closeReason)
    {
        this.closeReason = ordinalOf(closeReason);
    }

    void adminCommand(final AdminCommand adminCommand)
    {
        this.adminCommand = ordinalOf(adminCommand);
    }

    private static byte ordinalOf(final Enum<?> constant)
    {
        return constant == null ? NO_CONSTANT : (byte)constant.ordinal();
    }

    private static <E> E constantOf(final E[] constants, final byte ordinal)
    {
        return ordinal == NO_CONSTANT ? null : constants[ordinal];
    }

    /** Copies every field of {@code other} into this entry (used by journal readers and replay). */
    public void copyFrom(final InboundEvent other)
    {
        type = other.type;
        timeMillis = other.timeMillis;
        publishNanos = other.publishNanos;
        signalId = other.signalId;
        stopLoss = other.stopLoss;
        takeProfit = other.takeProfit;
        ttlMillis = other.ttlMillis;
        sourceTimeMillis = other.sourceTimeMillis;
        symbolId = other.symbolId;
        side = other.side;
        volume = other.volume;
        price = other.price;
        profit = other.profit;
        ticket = other.ticket;
        bid = other.bid;
        ask = other.ask;
        login = other.login;
        balance = other.balance;
        equity = other.equity;
        margin = other.margin;
        freeMargin = other.freeMargin;
        connected = other.connected;
        reportTimeMillis = other.reportTimeMillis;
        serverGmtOffsetSeconds = other.serverGmtOffsetSeconds;
        tradePermissions = other.tradePermissions;
        reportsSymbolSpecs = other.reportsSymbolSpecs;
        contractSize = other.contractSize;
        volumeMin = other.volumeMin;
        volumeStep = other.volumeStep;
        volumeMax = other.volumeMax;
        digits = other.digits;
        fillingModes = other.fillingModes;
        remainingVolume = other.remainingVolume;
        count = other.count;
        magic = other.magic;
        clientOrderId = other.clientOrderId;
        retcode = other.retcode;
        closeReason = other.closeReason;
        adminCommand = other.adminCommand;
        actor = other.actor;
        adminCommandId = other.adminCommandId;
        amount = other.amount;
        configText = other.configText;
    }

    public InboundEventType type()
    {
        return TYPES[type];
    }

    public long timeMillis()
    {
        return timeMillis;
    }

    /** Written by the journal gate (its thread owns the entry until the business logic's turn). */
    public void notJournaled(final boolean notJournaled)
    {
        this.notJournaled = notJournaled;
    }

    /** True when the journal gate could not journal this event (disk full, say). */
    public boolean notJournaled()
    {
        return notJournaled;
    }

    public long publishNanos()
    {
        return publishNanos;
    }

    public String signalId()
    {
        return signalId;
    }

    public double stopLoss()
    {
        return stopLoss;
    }

    public double takeProfit()
    {
        return takeProfit;
    }

    /** Time-to-live from the source time; 0 means the default maximum age. */
    public long ttlMillis()
    {
        return ttlMillis;
    }

    /** When upstream created the signal; 0 when unknown (the event time is used). */
    public long sourceTimeMillis()
    {
        return sourceTimeMillis;
    }

    public int symbolId()
    {
        return symbolId;
    }

    public Side side()
    {
        return constantOf(SIDES, side);
    }

    /** Volume of a SIGNAL, POSITION or ORDER_RESULT; the volume a POSITION_CLOSED deal closed (0: not reported). */
    public double volume()
    {
        return volume;
    }

    /** Fill price of an ORDER_RESULT, open price of a POSITION. */
    public double price()
    {
        return price;
    }

    public double profit()
    {
        return profit;
    }

    /** The position's ticket; for a BALANCE_OPERATION the broker's deal ticket (0 when not reported). */
    public long ticket()
    {
        return ticket;
    }

    public double bid()
    {
        return bid;
    }

    public double ask()
    {
        return ask;
    }

    public long login()
    {
        return login;
    }

    public double balance()
    {
        return balance;
    }

    public double equity()
    {
        return equity;
    }

    public double margin()
    {
        return margin;
    }

    public double freeMargin()
    {
        return freeMargin;
    }

    /** ACCOUNT: the terminal's connection to its trade server; TERMINAL_STATUS: the bridge connection. */
    public boolean connected()
    {
        return connected;
    }

    public long reportTimeMillis()
    {
        return reportTimeMillis;
    }

    public int serverGmtOffsetSeconds()
    {
        return serverGmtOffsetSeconds;
    }

    /** ACCOUNT: the terminal's {@link TradePermissions} bitmask. */
    public int tradePermissions()
    {
        return tradePermissions;
    }

    /** TERMINAL_STATUS: whether this session's terminal reports its symbol specs (false only in journals older than that). */
    public boolean reportsSymbolSpecs()
    {
        return reportsSymbolSpecs;
    }

    public double contractSize()
    {
        return contractSize;
    }

    public double volumeMin()
    {
        return volumeMin;
    }

    public double volumeStep()
    {
        return volumeStep;
    }

    public double volumeMax()
    {
        return volumeMax;
    }

    public int digits()
    {
        return digits;
    }

    public int fillingModes()
    {
        return fillingModes;
    }

    /** POSITION_CLOSED: the volume still open after the deal; 0 when the position is gone. */
    public double remainingVolume()
    {
        return remainingVolume;
    }

    /** POSITIONS_BEGIN: the positions that follow; JOURNAL_GAP: the inputs that were not journaled. */
    public int count()
    {
        return count;
    }

    public long magic()
    {
        return magic;
    }

    public long clientOrderId()
    {
        return clientOrderId;
    }

    public int retcode()
    {
        return retcode;
    }

    public CloseReason closeReason()
    {
        return constantOf(CLOSE_REASONS, closeReason);
    }

    public AdminCommand adminCommand()
    {
        return constantOf(ADMIN_COMMANDS, adminCommand);
    }

    public String actor()
    {
        return actor;
    }

    /** ADMIN: the issuer's id of the command, 0 when it has none. */
    public long adminCommandId()
    {
        return adminCommandId;
    }

    public double amount()
    {
        return amount;
    }

    /** CONFIG: the canonical description of the configuration. */
    public String configText()
    {
        return configText;
    }
}

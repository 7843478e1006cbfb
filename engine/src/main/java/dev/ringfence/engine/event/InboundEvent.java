package dev.ringfence.engine.event;

/**
 * One pre-allocated entry of the inbound ring. Producers fill it in place through the {@code set*}
 * methods (each sets every field its type uses, so no stale field from an earlier use leaks), and the
 * business-logic thread reads it. Fields unused by a type keep whatever they held; readers only look at
 * the fields of the current {@link #type()}.
 *
 * <p>Times are epoch milliseconds of event time: the business logic takes all its time from here.
 * {@code publishNanos} is a monotonic stamp used only to measure processing latency, never for decisions.
 */
public final class InboundEvent
{
    /** The publish stamp of an event that was not published live (read back from a journal): not measured. */
    public static final long NOT_MEASURED = 0;

    private InboundEventType type = InboundEventType.TIMER;
    private long timeMillis;
    private long publishNanos;
    /**
     * Set by the journal gate on every event it handles, before the business logic sees it: true when the
     * event could not be journaled. Never journaled itself, so a replay only ever sees journaled events.
     */
    private boolean notJournaled;

    // SIGNAL (also symbolId, side, volume)
    private String signalId;
    private double stopLoss;
    private double takeProfit;
    private long ttlMillis;
    private long sourceTimeMillis;

    // shared by several types
    private int symbolId;
    private Side side;
    private double volume;
    private double price;
    private double profit;
    private long ticket;

    // TICK
    private double bid;
    private double ask;

    // ACCOUNT
    private long login;
    private double balance;
    private double equity;
    private double margin;
    private double freeMargin;
    private boolean connected;
    private long reportTimeMillis;
    private int serverGmtOffsetSeconds;
    /** The terminal's {@link TradePermissions} bitmask. */
    private int tradePermissions = TradePermissions.ALL;

    // TERMINAL_STATUS
    /** Whether the terminal of this session reports its symbol specs (false only in journals older than that). */
    private boolean reportsSymbolSpecs;

    // SYMBOL_SPEC (also symbolId)
    private double contractSize;
    private double volumeMin;
    private double volumeStep;
    private double volumeMax;
    private int digits;
    private int fillingModes;

    // POSITIONS_BEGIN / POSITION / JOURNAL_GAP (the inputs lost)
    private int count;
    private long magic;

    // ORDER_RESULT
    private long clientOrderId;
    private int retcode;

    // POSITION_CLOSED (also volume: the volume this deal closed, 0 when not reported)
    private CloseReason closeReason;
    /** The volume left open after the deal: 0 means the position is gone, more is a partial close. */
    private double remainingVolume;

    // ADMIN
    private AdminCommand adminCommand;
    private String actor;
    /** The issuer's id of this command (0 when it has none), under which the engine publishes its outcome. */
    private long adminCommandId;

    // BALANCE_OPERATION
    private double amount;

    // CONFIG
    private String configText;

    public InboundEvent setSignal(
        final long timeMillis,
        final String signalId,
        final int symbolId,
        final Side side,
        final double volume,
        final double stopLoss,
        final double takeProfit,
        final long ttlMillis,
        final long sourceTimeMillis)
    {
        this.type = InboundEventType.SIGNAL;
        this.timeMillis = timeMillis;
        this.signalId = signalId;
        this.symbolId = symbolId;
        this.side = side;
        this.volume = volume;
        this.stopLoss = stopLoss;
        this.takeProfit = takeProfit;
        this.ttlMillis = ttlMillis;
        this.sourceTimeMillis = sourceTimeMillis;
        return this;
    }

    public InboundEvent setTick(final long timeMillis, final int symbolId, final double bid, final double ask)
    {
        this.type = InboundEventType.TICK;
        this.timeMillis = timeMillis;
        this.symbolId = symbolId;
        this.bid = bid;
        this.ask = ask;
        return this;
    }

    public InboundEvent setAccount(
        final long timeMillis,
        final long login,
        final double balance,
        final double equity,
        final double margin,
        final double freeMargin,
        final boolean connected,
        final long reportTimeMillis,
        final int serverGmtOffsetSeconds,
        final int tradePermissions)
    {
        this.type = InboundEventType.ACCOUNT;
        this.timeMillis = timeMillis;
        this.login = login;
        this.balance = balance;
        this.equity = equity;
        this.margin = margin;
        this.freeMargin = freeMargin;
        this.connected = connected;
        this.reportTimeMillis = reportTimeMillis;
        this.serverGmtOffsetSeconds = serverGmtOffsetSeconds;
        this.tradePermissions = tradePermissions;
        return this;
    }

    public InboundEvent setPositionsBegin(final long timeMillis, final int count)
    {
        this.type = InboundEventType.POSITIONS_BEGIN;
        this.timeMillis = timeMillis;
        this.count = count;
        return this;
    }

    public InboundEvent setPosition(
        final long timeMillis,
        final long ticket,
        final int symbolId,
        final Side side,
        final double volume,
        final double openPrice,
        final double profit,
        final long magic)
    {
        this.type = InboundEventType.POSITION;
        this.timeMillis = timeMillis;
        this.ticket = ticket;
        this.symbolId = symbolId;
        this.side = side;
        this.volume = volume;
        this.price = openPrice;
        this.profit = profit;
        this.magic = magic;
        return this;
    }

    public InboundEvent setOrderResult(
        final long timeMillis,
        final long clientOrderId,
        final int retcode,
        final long ticket,
        final double price,
        final double volume,
        final double profit)
    {
        this.type = InboundEventType.ORDER_RESULT;
        this.timeMillis = timeMillis;
        this.clientOrderId = clientOrderId;
        this.retcode = retcode;
        this.ticket = ticket;
        this.price = price;
        this.volume = volume;
        this.profit = profit;
        return this;
    }

    public InboundEvent setPositionClosed(
        final long timeMillis,
        final long ticket,
        final double profit,
        final CloseReason closeReason,
        final double closedVolume,
        final double remainingVolume)
    {
        this.type = InboundEventType.POSITION_CLOSED;
        this.timeMillis = timeMillis;
        this.ticket = ticket;
        this.profit = profit;
        this.closeReason = closeReason;
        this.volume = closedVolume;
        this.remainingVolume = remainingVolume;
        return this;
    }

    public InboundEvent setTimer(final long timeMillis)
    {
        this.type = InboundEventType.TIMER;
        this.timeMillis = timeMillis;
        return this;
    }

    public InboundEvent setAdmin(final long timeMillis, final AdminCommand command, final String actor)
    {
        return setAdmin(timeMillis, command, actor, 0);
    }

    public InboundEvent setAdmin(final long timeMillis, final AdminCommand command, final String actor, final long commandId)
    {
        this.type = InboundEventType.ADMIN;
        this.timeMillis = timeMillis;
        this.adminCommand = command;
        this.actor = actor;
        this.adminCommandId = commandId;
        return this;
    }

    public InboundEvent setTerminalStatus(final long timeMillis, final boolean connected)
    {
        return setTerminalStatus(timeMillis, connected, true);
    }

    /** {@code reportsSymbolSpecs} is false only for sessions journaled before terminals reported their specs. */
    public InboundEvent setTerminalStatus(final long timeMillis, final boolean connected, final boolean reportsSymbolSpecs)
    {
        this.type = InboundEventType.TERMINAL_STATUS;
        this.timeMillis = timeMillis;
        this.connected = connected;
        this.reportsSymbolSpecs = reportsSymbolSpecs;
        return this;
    }

    public InboundEvent setBalanceOperation(final long timeMillis, final double amount, final long dealTicket)
    {
        this.type = InboundEventType.BALANCE_OPERATION;
        this.timeMillis = timeMillis;
        this.amount = amount;
        this.ticket = dealTicket;
        return this;
    }

    public InboundEvent setSymbolSpec(
        final long timeMillis,
        final int symbolId,
        final double contractSize,
        final double volumeMin,
        final double volumeStep,
        final double volumeMax,
        final int digits,
        final int fillingModes)
    {
        this.type = InboundEventType.SYMBOL_SPEC;
        this.timeMillis = timeMillis;
        this.symbolId = symbolId;
        this.contractSize = contractSize;
        this.volumeMin = volumeMin;
        this.volumeStep = volumeStep;
        this.volumeMax = volumeMax;
        this.digits = digits;
        this.fillingModes = fillingModes;
        return this;
    }

    public InboundEvent setSymbolRefused(final long timeMillis, final int symbolId)
    {
        this.type = InboundEventType.SYMBOL_REFUSED;
        this.timeMillis = timeMillis;
        this.symbolId = symbolId;
        return this;
    }

    public InboundEvent setConfig(final long timeMillis, final String configText)
    {
        this.type = InboundEventType.CONFIG;
        this.timeMillis = timeMillis;
        this.configText = configText;
        return this;
    }

    /**
     * The journal gate's marker: {@code lost} inputs before this one were processed but not journaled.
     * Its time is that of the first input journaled again, so a replay's clock moves as the live one did.
     */
    public InboundEvent setJournalGap(final long timeMillis, final int lost)
    {
        this.type = InboundEventType.JOURNAL_GAP;
        this.timeMillis = timeMillis;
        this.count = lost;
        return this;
    }

    public InboundEvent publishNanos(final long publishNanos)
    {
        this.publishNanos = publishNanos;
        return this;
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
        return type;
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
        return side;
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

    /** TERMINAL_STATUS: whether this session's terminal reports its symbol specs (see {@link #setTerminalStatus}). */
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
        return closeReason;
    }

    public AdminCommand adminCommand()
    {
        return adminCommand;
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

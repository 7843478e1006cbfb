package dev.ringfence.gateway.paper;

import dev.ringfence.engine.command.ClosePosition;
import dev.ringfence.engine.command.OrderNew;
import dev.ringfence.engine.command.Resync;
import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TerminalReports;
import dev.ringfence.engine.event.TradePermissions;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A broker and MT5 terminal in one object, for paper trading, demos, scenarios and tests (BRIDGE.md,
 * "What the simulated terminal must reproduce"). It fills market orders at bid/ask, keeps balance,
 * equity (balance + floating P/L + adjustment), margin and free margin, supports hedging and netting
 * accounts, volume rules, stop loss / take profit, stop-out, deduplication by magic number over 24 hours
 * of deals, and the fault kinds of SCENARIOS.md.
 *
 * <p>It knows nothing of how it is connected: commands arrive as the bodies the engine encoded ({@link #send}: from
 * the command ring in process, or from the frames the simulated terminal reads), and everything it reports goes to
 * a {@link TerminalReports} port (the engine in-process, or a wire encoder). Time is passed in with every call, so it
 * runs on virtual time as well as on the wall clock. Not thread-safe: one thread drives it.
 *
 * <p>Longer than most classes because it is one account: every fill, close, stop-out, report and injected fault
 * reads and writes the same balance, positions and deal history, and a reader checks a broker rule against it in
 * one place. The parts that stand alone are apart already ({@link PaperPosition}, {@link PaperTerminalConfig}).
 */
public final class PaperTerminal implements OrderCommands
{
    private static final long DEDUPE_WINDOW_MILLIS = 24L * 3600 * 1000;

    private final PaperTerminalConfig config;
    private final SymbolTable symbols;
    private final SymbolNames names;
    private final OrderNew.Decoder orderNew = new OrderNew.Decoder();
    private final ClosePosition.Decoder closePosition = new ClosePosition.Decoder();
    private final Resync.Decoder resync = new Resync.Decoder();
    private final TerminalReports reports;
    private final double[] bids;
    private final double[] asks;
    private final List<PaperPosition> positions = new ArrayList<>();
    private final Map<Long, Deal> dealsByMagic = new HashMap<>();

    private long nowMillis;
    private double balance;
    private double adjustment;
    private double marginOverride = Double.NaN;
    private double freeMarginOverride = Double.NaN;
    private boolean tradeServerConnected = true;
    /** The terminal's trade permissions (TradePermissions): all, unless a test or fault takes some away. */
    private int tradePermissions = TradePermissions.ALL;
    private long nextTicket = 100_001;
    private long nextReportMillis = Long.MIN_VALUE;

    private boolean connected;
    private long reconnectAtMillis = Long.MIN_VALUE;
    private long accountFrozenUntilMillis = Long.MIN_VALUE;
    private int rejectRetcode;
    private int rejectCount;
    private boolean loseNextReply;

    public PaperTerminal(final PaperTerminalConfig config, final SymbolTable symbols, final TerminalReports reports)
    {
        this.config = config;
        this.symbols = symbols;
        this.names = new SymbolNames(symbols);
        this.reports = reports;
        this.balance = config.initialBalance;
        this.bids = new double[symbols.size()];
        this.asks = new double[symbols.size()];
        Arrays.fill(bids, Double.NaN);
        Arrays.fill(asks, Double.NaN);
    }

    // ---------------------------------------------------------------- connection and time

    /** The terminal connects: status, every symbol's spec, then account and positions snapshots, as the EA does. */
    public void connect(final long nowMillis)
    {
        advance(nowMillis);
        connected = true;
        reconnectAtMillis = Long.MIN_VALUE;
        reports.terminalStatus(nowMillis, true);
        for (int i = 0; i < symbols.size(); i++)
        {
            reports.symbolSpec(nowMillis, i, symbols.spec(i));
        }
        reportAccount();
        reportPositions();
        nextReportMillis = nowMillis + config.reportIntervalMillis;
    }

    /** Time passes: reconnect when a disconnect fault ends; periodic account and positions reports. */
    public void onTime(final long nowMillis)
    {
        advance(nowMillis);
        if (!connected && reconnectAtMillis != Long.MIN_VALUE && nowMillis >= reconnectAtMillis)
        {
            connect(nowMillis);
            return;
        }
        if (connected && nowMillis >= nextReportMillis)
        {
            nextReportMillis = nowMillis + config.reportIntervalMillis;
            reportAccount();
            reportPositions();
        }
    }

    public boolean isConnected()
    {
        return connected;
    }

    // ---------------------------------------------------------------- market

    public void onTick(final long nowMillis, final int symbolId, final double bid, final double ask)
    {
        advance(nowMillis);
        if (!symbols.isKnown(symbolId) || !TerminalReports.isValidQuote(bid, ask))
        {
            throw new IllegalArgumentException("invalid tick for symbol " + symbols.name(symbolId) + ": " + bid + "/" + ask);
        }
        bids[symbolId] = bid;
        asks[symbolId] = ask;
        if (connected)
        {
            reports.tick(nowMillis, symbolId, bid, ask);
        }
        markToMarket();
        closeTriggeredStops(symbolId);
        applyStopOut();
        reportAccount();
    }

    public double bid(final int symbolId)
    {
        return bids[symbolId];
    }

    public double ask(final int symbolId)
    {
        return asks[symbolId];
    }

    // ---------------------------------------------------------------- account manipulation (scenarios)

    /**
     * The account jumps to these figures (SCENARIOS.md {@code account}): the balance is set, and the
     * difference between {@code equity} and balance + floating P/L is held as an adjustment, like credit,
     * until the next call; later ticks move equity from there. NaN margin figures mean "computed".
     */
    public void setAccount(
        final long nowMillis,
        final double balance,
        final double equity,
        final double margin,
        final double freeMargin,
        final boolean tradeServerConnected)
    {
        advance(nowMillis);
        markToMarket();
        this.balance = balance;
        this.adjustment = equity - (balance + floatingProfit());
        this.marginOverride = margin;
        this.freeMarginOverride = freeMargin;
        this.tradeServerConnected = tradeServerConnected;
        reportAccount();
    }

    /** The terminal's trade permissions change (the Algo Trading button, say): reported with the account at once. */
    public void setTradePermissions(final long nowMillis, final int permissions)
    {
        advance(nowMillis);
        tradePermissions = permissions;
        reportAccount();
    }

    /**
     * Part of a position is closed at the terminal (by hand, say): the deal's profit is booked, the position keeps
     * the rest, and the deal is reported with the volume it closed and the volume left (0 when nothing is).
     */
    public void closePartially(final long nowMillis, final long ticket, final double volume, final CloseReason reason)
    {
        advance(nowMillis);
        final PaperPosition position = find(ticket);
        if (position == null || Double.isNaN(bids[position.symbolId]))
        {
            return;
        }
        final double closed = Math.min(volume, position.volume);
        final double profit = realizePart(position, closed);
        if (connected)
        {
            reports.positionClosed(nowMillis, ticket, profit, reason, closed, position.volume);
        }
        reportAccount();
        reportPositions();
    }

    /** A deposit (positive) or withdrawal (negative), reported before the account figures that show it. */
    public void balanceOperation(final long nowMillis, final double amount)
    {
        advance(nowMillis);
        balance += amount;
        if (connected)
        {
            reports.balanceOperation(nowMillis, amount, 0);
        }
        reportAccount();
    }

    /**
     * A position the terminal already holds when it starts: a real terminal keeps its positions when the
     * engine restarts. For tests and for a simulated terminal that outlives the engine it serves.
     */
    public void restorePosition(
        final long ticket, final int symbolId, final Side side, final double volume, final double openPrice, final long magic)
    {
        positions.add(new PaperPosition(ticket, symbolId, side, volume, openPrice, 0, 0, magic, nowMillis));
        dealsByMagic.put(magic, new Deal(ticket, openPrice, volume, nowMillis));
        nextTicket = Math.max(nextTicket, ticket + 1);
        markToMarket();
    }

    // ---------------------------------------------------------------- faults

    /** The next {@code count} orders and closes are answered with {@code retcode}. */
    public void rejectNext(final int retcode, final int count)
    {
        rejectRetcode = retcode;
        rejectCount = count;
    }

    /** The next order executes but its reply is lost: the real source of duplicate orders. */
    public void loseNextReply()
    {
        loseNextReply = true;
    }

    /** Drops the connection now and reconnects after {@code millis}. Commands sent meanwhile are lost. */
    public void disconnect(final long nowMillis, final long millis)
    {
        advance(nowMillis);
        if (connected)
        {
            connected = false;
            reports.terminalStatus(nowMillis, false);
        }
        reconnectAtMillis = nowMillis + millis;
    }

    /** No account reports for {@code millis}. */
    public void freezeAccount(final long nowMillis, final long millis)
    {
        advance(nowMillis);
        accountFrozenUntilMillis = nowMillis + millis;
    }

    // ---------------------------------------------------------------- commands

    /** One command, read through the engine's own layouts; a type that is not a command is refused. */
    @Override
    public boolean send(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case OrderNew.TYPE:
                final OrderNew.Decoder order = orderNew.wrap(buffer, offset);
                placeOrder(order.clientOrderId(), order.symbolId(names), order.side(), order.volume(), order.stopLoss(),
                    order.takeProfit(), order.expiresAt());
                return true;
            case ClosePosition.TYPE:
                final ClosePosition.Decoder close = closePosition.wrap(buffer, offset);
                closePosition(close.clientOrderId(), close.ticket(), close.volume());
                return true;
            case Resync.TYPE:
                resync(resync.wrap(buffer, offset).lookupClientOrderId());
                return true;
            default:
                throw new IllegalArgumentException("not a command: message type " + type);
        }
    }

    // What the terminal does with each command, its fields read; package-private for the tests, which state them one by one.

    void placeOrder(
        final long clientOrderId,
        final int symbolId,
        final Side side,
        final double volume,
        final double stopLoss,
        final double takeProfit,
        final long expiresAtMillis)
    {
        if (!connected)
        {
            return; // lost in transit; the engine times out and looks the order up after reconnecting
        }
        final long now = nowMillis;
        if (now > expiresAtMillis)
        {
            reply(clientOrderId, ReturnCodes.EXPIRED_COMMAND, 0, 0, 0, 0);
            return;
        }
        final Deal existing = dealsByMagic.get(clientOrderId);
        if (existing != null && now - existing.timeMillis <= DEDUPE_WINDOW_MILLIS)
        {
            reply(clientOrderId, ReturnCodes.DONE, existing.ticket, existing.price, existing.volume, 0);
            return;
        }
        if (takeInjectedReject())
        {
            reply(clientOrderId, rejectRetcode, 0, 0, 0, 0);
            return;
        }
        final int retcode = checkOrder(symbolId, side, volume);
        if (retcode != ReturnCodes.DONE)
        {
            reply(clientOrderId, retcode, 0, 0, 0, 0);
            return;
        }
        final SymbolSpec spec = symbols.spec(symbolId);
        final double point = Math.pow(10, -spec.digits());
        final double price = side == Side.BUY ?
            asks[symbolId] + config.slippagePoints * point : bids[symbolId] - config.slippagePoints * point;
        final long ticket = execute(symbolId, side, volume, price, stopLoss, takeProfit, clientOrderId);
        dealsByMagic.put(clientOrderId, new Deal(ticket, price, volume, now));
        if (loseNextReply)
        {
            loseNextReply = false;
        }
        else
        {
            reply(clientOrderId, ReturnCodes.DONE, ticket, price, volume, 0);
        }
        reportAccount();
        reportPositions();
    }

    void closePosition(final long clientOrderId, final long ticket, final double volume)
    {
        if (!connected)
        {
            return;
        }
        if (takeInjectedReject())
        {
            reply(clientOrderId, rejectRetcode, ticket, 0, 0, 0);
            return;
        }
        final PaperPosition position = find(ticket);
        if (position == null)
        {
            reply(clientOrderId, ReturnCodes.POSITION_CLOSED, ticket, 0, 0, 0);
            return;
        }
        if (Double.isNaN(bids[position.symbolId]))
        {
            reply(clientOrderId, ReturnCodes.PRICE_OFF, ticket, 0, 0, 0);
            return;
        }
        final double price = closePrice(position);
        if (volume > 0 && volume < position.volume)
        {
            // Part of it, as asked (0 means the whole position): the answer, then the deal's report, as the EA sends them.
            final double profit = realizePart(position, volume);
            reply(clientOrderId, ReturnCodes.DONE, ticket, price, volume, profit);
            reports.positionClosed(nowMillis, ticket, profit, CloseReason.ENGINE, volume, position.volume);
        }
        else
        {
            final double profit = realize(position);
            reply(clientOrderId, ReturnCodes.DONE, ticket, price, position.volume, profit);
        }
        reportAccount();
        reportPositions();
    }

    void resync(final long lookupClientOrderId)
    {
        if (!connected)
        {
            return;
        }
        reportAccount();
        reportPositions();
        if (lookupClientOrderId != 0)
        {
            final Deal deal = dealsByMagic.get(lookupClientOrderId);
            if (deal != null && nowMillis - deal.timeMillis <= DEDUPE_WINDOW_MILLIS)
            {
                reply(lookupClientOrderId, ReturnCodes.DONE, deal.ticket, deal.price, deal.volume, 0);
            }
            else
            {
                reply(lookupClientOrderId, ReturnCodes.NOT_FOUND, 0, 0, 0, 0);
            }
        }
    }

    // ---------------------------------------------------------------- views

    public double balance()
    {
        return balance;
    }

    public double equity()
    {
        markToMarket();
        return balance + floatingProfit() + adjustment;
    }

    public int openPositions()
    {
        return positions.size();
    }

    /** How many deals carried this magic number (0 or 1: the terminal never executes an id twice). */
    public int dealsWithMagic(final long magic)
    {
        return dealsByMagic.containsKey(magic) ? 1 : 0;
    }

    public int dealCount()
    {
        return dealsByMagic.size();
    }

    // ---------------------------------------------------------------- internals

    private void advance(final long nowMillis)
    {
        if (nowMillis > this.nowMillis)
        {
            this.nowMillis = nowMillis;
        }
    }

    private boolean takeInjectedReject()
    {
        if (rejectCount > 0)
        {
            rejectCount--;
            return true;
        }
        return false;
    }

    private int checkOrder(final int symbolId, final Side side, final double volume)
    {
        if (!symbols.isKnown(symbolId) || side == null)
        {
            return ReturnCodes.INVALID;
        }
        if (!tradeServerConnected)
        {
            return ReturnCodes.CONNECTION;
        }
        if (Double.isNaN(bids[symbolId]))
        {
            return ReturnCodes.PRICE_OFF;
        }
        final SymbolSpec spec = symbols.spec(symbolId);
        if (!spec.isValidVolume(volume))
        {
            return ReturnCodes.INVALID_VOLUME;
        }
        if ((spec.fillingModes() & (SymbolSpec.FILLING_FOK | SymbolSpec.FILLING_IOC)) == 0)
        {
            return ReturnCodes.INVALID_FILL;
        }
        final double price = side == Side.BUY ? asks[symbolId] : bids[symbolId];
        if (marginFor(symbolId, volume, price) > freeMargin())
        {
            return ReturnCodes.NO_MONEY;
        }
        return ReturnCodes.DONE;
    }

    private long execute(
        final int symbolId,
        final Side side,
        final double volume,
        final double price,
        final double stopLoss,
        final double takeProfit,
        final long magic)
    {
        final long ticket = nextTicket++;
        if (!config.hedging)
        {
            final PaperPosition open = findBySymbol(symbolId);
            if (open != null && open.side != side)
            {
                // Netting: an opposite deal reduces, closes or reverses the position.
                final double closing = Math.min(open.volume, volume);
                final double perLot = realizedPerLot(open, side == Side.BUY ? asks[symbolId] : bids[symbolId]);
                balance += perLot * closing;
                open.volume = round2(open.volume - closing);
                final double remainder = round2(volume - closing);
                if (open.volume <= 0)
                {
                    positions.remove(open);
                }
                if (remainder > 0)
                {
                    positions.add(new PaperPosition(ticket, symbolId, side, remainder, price, stopLoss, takeProfit, magic, nowMillis));
                }
                markToMarket();
                return open.volume > 0 ? open.ticket : ticket;
            }
            if (open != null)
            {
                // Same direction: the position grows (average price kept simple: the new fill joins it).
                final double total = open.volume + volume;
                final PaperPosition merged = new PaperPosition(
                    open.ticket, symbolId, side, round2(total),
                    (open.openPrice * open.volume + price * volume) / total, open.stopLoss, open.takeProfit, open.magic,
                    open.openTimeMillis);
                positions.set(positions.indexOf(open), merged);
                markToMarket();
                return open.ticket;
            }
        }
        positions.add(new PaperPosition(ticket, symbolId, side, volume, price, stopLoss, takeProfit, magic, nowMillis));
        markToMarket();
        return ticket;
    }

    /** Closes the position at market, books the profit into the balance and returns it. */
    private double realize(final PaperPosition position)
    {
        markToMarket();
        final double profit = round2(position.profit);
        balance += profit;
        positions.remove(position);
        return profit;
    }

    /** Closes {@code volume} of the position (all of it when that is everything) and returns the part's profit. */
    private double realizePart(final PaperPosition position, final double volume)
    {
        markToMarket();
        if (volume >= position.volume)
        {
            return realize(position);
        }
        final double profit = round2(position.profit * volume / position.volume);
        balance += profit;
        position.volume = round2(position.volume - volume);
        markToMarket();
        return profit;
    }

    private void closeTriggeredStops(final int symbolId)
    {
        for (int i = positions.size() - 1; i >= 0; i--)
        {
            final PaperPosition p = positions.get(i);
            if (p.symbolId != symbolId)
            {
                continue;
            }
            final double price = closePrice(p);
            final boolean long_ = p.side == Side.BUY;
            CloseReason reason = null;
            if (p.stopLoss > 0 && (long_ ? price <= p.stopLoss : price >= p.stopLoss))
            {
                reason = CloseReason.STOP_LOSS;
            }
            else if (p.takeProfit > 0 && (long_ ? price >= p.takeProfit : price <= p.takeProfit))
            {
                reason = CloseReason.TAKE_PROFIT;
            }
            if (reason != null)
            {
                final double profit = realize(p);
                if (connected)
                {
                    reports.positionClosed(nowMillis, p.ticket, profit, reason, 0, 0);
                }
            }
        }
    }

    private void applyStopOut()
    {
        while (!positions.isEmpty())
        {
            final double margin = margin();
            if (!(margin > 0) || equityNow() / margin * 100.0 > config.stopOutLevelPercent)
            {
                return;
            }
            PaperPosition worst = positions.get(0);
            for (final PaperPosition p : positions)
            {
                if (p.profit < worst.profit)
                {
                    worst = p;
                }
            }
            final double profit = realize(worst);
            if (connected)
            {
                reports.positionClosed(nowMillis, worst.ticket, profit, CloseReason.STOP_OUT, 0, 0);
            }
        }
    }

    private void reply(
        final long clientOrderId, final int retcode, final long ticket, final double price, final double volume, final double profit)
    {
        reports.orderResult(nowMillis, clientOrderId, retcode, ticket, price, volume, profit);
    }

    private void reportAccount()
    {
        if (!connected || nowMillis < accountFrozenUntilMillis)
        {
            return;
        }
        markToMarket();
        final double equity = equityNow();
        final double margin = Double.isNaN(marginOverride) ? margin() : marginOverride;
        final double free = Double.isNaN(freeMarginOverride) ? equity - margin : freeMarginOverride;
        reports.account(
            nowMillis, config.login, balance, equity, margin, free, tradeServerConnected, nowMillis, config.gmtOffsetSeconds,
            tradePermissions);
    }

    private void reportPositions()
    {
        if (!connected)
        {
            return;
        }
        markToMarket();
        reports.positionsBegin(nowMillis, positions.size());
        for (final PaperPosition p : positions)
        {
            reports.position(nowMillis, p.ticket, p.symbolId, p.side, p.volume, p.openPrice, round2(p.profit), p.magic);
        }
    }

    private void markToMarket()
    {
        for (final PaperPosition p : positions)
        {
            if (!Double.isNaN(bids[p.symbolId]))
            {
                p.profit = realizedPerLot(p, closePrice(p)) * p.volume;
            }
        }
    }

    /** Profit per lot in the account currency if {@code p} were closed at {@code price}. */
    private double realizedPerLot(final PaperPosition p, final double price)
    {
        final SymbolSpec spec = symbols.spec(p.symbolId);
        final double move = p.side == Side.BUY ? price - p.openPrice : p.openPrice - price;
        return toAccountCurrency(spec, move * spec.contractSize(), price);
    }

    private double closePrice(final PaperPosition p)
    {
        return p.side == Side.BUY ? bids[p.symbolId] : asks[p.symbolId];
    }

    private double toAccountCurrency(final SymbolSpec spec, final double amountInProfitCurrency, final double price)
    {
        if (spec.profitCurrency().equals(config.currency))
        {
            return amountInProfitCurrency;
        }
        if (spec.baseCurrency().equals(config.currency) && price > 0)
        {
            return amountInProfitCurrency / price;
        }
        return amountInProfitCurrency;
    }

    private double marginFor(final int symbolId, final double volume, final double price)
    {
        final SymbolSpec spec = symbols.spec(symbolId);
        final double notional = volume * spec.contractSize();
        if (spec.baseCurrency().equals(config.currency))
        {
            return notional / config.leverage;
        }
        return toAccountCurrency(spec, notional * price, price) / config.leverage;
    }

    private double margin()
    {
        double margin = 0;
        for (final PaperPosition p : positions)
        {
            margin += marginFor(p.symbolId, p.volume, p.openPrice);
        }
        return margin;
    }

    private double freeMargin()
    {
        return equityNow() - margin();
    }

    private double floatingProfit()
    {
        double floating = 0;
        for (final PaperPosition p : positions)
        {
            floating += p.profit;
        }
        return floating;
    }

    private double equityNow()
    {
        return balance + floatingProfit() + adjustment;
    }

    private PaperPosition find(final long ticket)
    {
        for (final PaperPosition p : positions)
        {
            if (p.ticket == ticket)
            {
                return p;
            }
        }
        return null;
    }

    private PaperPosition findBySymbol(final int symbolId)
    {
        for (final PaperPosition p : positions)
        {
            if (p.symbolId == symbolId)
            {
                return p;
            }
        }
        return null;
    }

    private static double round2(final double value)
    {
        return Math.round(value * 100.0) / 100.0;
    }

    /** A deal kept for deduplication and lookups by magic. */
    private static final class Deal
    {
        final long ticket;
        final double price;
        final double volume;
        final long timeMillis;

        Deal(final long ticket, final double price, final double volume, final long timeMillis)
        {
            this.ticket = ticket;
            this.price = price;
            this.volume = volume;
            this.timeMillis = timeMillis;
        }
    }
}

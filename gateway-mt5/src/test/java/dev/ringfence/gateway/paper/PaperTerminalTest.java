package dev.ringfence.gateway.paper;

import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PaperTerminalTest
{
    private static final long FAR = Long.MAX_VALUE;
    private final SymbolTable symbols = new SymbolTable(List.of(
        SymbolSpec.standard("EURUSD"), SymbolSpec.standard("USDJPY"), SymbolSpec.standard("XAUUSD")));
    private final int eurusd = 0;
    private final int usdjpy = 1;
    private RecordingReports reports;
    private PaperTerminal terminal;
    private long now = 1_000;

    private PaperTerminal terminal(final boolean hedging)
    {
        final PaperTerminalConfig config = new PaperTerminalConfig();
        config.hedging = hedging;
        reports = new RecordingReports();
        final PaperTerminal t = new PaperTerminal(config.validate(), symbols, reports.ports().terminalReports());
        t.connect(now);
        t.onTick(now, eurusd, 1.10000, 1.10010);
        t.onTick(now, usdjpy, 150.000, 150.010);
        return t;
    }

    @BeforeEach
    void setUp()
    {
        terminal = terminal(true);
    }

    @Test
    void marketOrdersFillAtAskOrBidAndEquityMarksAtTheClosingSide()
    {
        terminal.placeOrder(11, eurusd, Side.BUY, 1.0, 0, 0, FAR);
        assertEquals(ReturnCodes.DONE, reports.lastResult().retcode);
        assertEquals(1.10010, reports.lastResult().price);
        assertEquals(10_000 - 10, terminal.equity(), 1e-6, "a long is marked at the bid: the spread is the cost");

        terminal.onTick(now, eurusd, 1.10110, 1.10120);
        assertEquals(10_100, reports.lastEquity(), 1e-6);

        terminal.placeOrder(12, eurusd, Side.SELL, 0.5, 0, 0, FAR);
        assertEquals(1.10110, reports.lastResult().price);
        assertEquals(2, terminal.openPositions(), "hedging keeps both");
    }

    @Test
    void profitOfAJpyQuotedSymbolIsConvertedToTheAccountCurrency()
    {
        terminal.placeOrder(21, usdjpy, Side.BUY, 1.0, 0, 0, FAR);
        terminal.onTick(now, usdjpy, 151.010, 151.020);
        // (151.010 - 150.010) * 100,000 JPY = 100,000 JPY, at 151.010 JPY per USD.
        assertEquals(10_000 + 100_000 / 151.010, terminal.equity(), 1e-6);
    }

    @Test
    void nettingReducesThenReversesAPosition()
    {
        terminal = terminal(false);
        terminal.placeOrder(31, eurusd, Side.BUY, 1.0, 0, 0, FAR);
        terminal.placeOrder(32, eurusd, Side.SELL, 0.4, 0, 0, FAR);
        assertEquals(1, terminal.openPositions());
        assertEquals(10_000 - 4, terminal.balance(), 1e-6, "0.4 lots closed at the bid, 10 points below the entry");
        terminal.placeOrder(33, eurusd, Side.SELL, 1.0, 0, 0, FAR);
        assertEquals(1, terminal.openPositions(), "reversed: one short of 0.4");
    }

    @Test
    void anOrderIdExecutesOnceAndIsFoundByLookup()
    {
        terminal.placeOrder(41, eurusd, Side.BUY, 0.1, 0, 0, FAR);
        final long ticket = reports.lastResult().ticket;
        terminal.placeOrder(41, eurusd, Side.BUY, 0.1, 0, 0, FAR);
        assertEquals(ReturnCodes.DONE, reports.lastResult().retcode);
        assertEquals(ticket, reports.lastResult().ticket, "a duplicate is answered with the existing ticket");
        assertEquals(1, terminal.openPositions());
        assertEquals(1, terminal.dealCount());

        terminal.resync(41);
        assertEquals(ticket, reports.lastResult().ticket);
        terminal.resync(42);
        assertEquals(ReturnCodes.NOT_FOUND, reports.lastResult().retcode);
        assertTrue(reports.snapshotMagics.contains(41L), "positions carry the magic");
    }

    @Test
    void invalidRequestsGetTheTradeServersCodes()
    {
        terminal.placeOrder(51, eurusd, Side.BUY, 0.005, 0, 0, FAR);
        assertEquals(ReturnCodes.INVALID_VOLUME, reports.lastResult().retcode);
        terminal.placeOrder(52, 2, Side.BUY, 0.1, 0, 0, FAR);
        assertEquals(ReturnCodes.PRICE_OFF, reports.lastResult().retcode, "no quote for XAUUSD yet");
        terminal.placeOrder(53, eurusd, Side.BUY, 100, 0, 0, FAR);
        assertEquals(ReturnCodes.NO_MONEY, reports.lastResult().retcode, "100 lots need 110,010 of margin");
        terminal.placeOrder(54, eurusd, Side.BUY, 0.1, 0, 0, now - 1);
        assertEquals(ReturnCodes.EXPIRED_COMMAND, reports.lastResult().retcode);
        terminal.closePosition(55, 999_999, 0.1);
        assertEquals(ReturnCodes.POSITION_CLOSED, reports.lastResult().retcode);
        assertEquals(0, terminal.openPositions());
    }

    @Test
    void stopsCloseAtTheTriggerWithTheirReason()
    {
        terminal.placeOrder(61, eurusd, Side.BUY, 1.0, 1.09900, 1.10500, FAR);
        terminal.onTick(now, eurusd, 1.09890, 1.09900);
        assertEquals(List.of("100001:STOP_LOSS:-120.0"), reports.closed);
        assertEquals(10_000 - 120, terminal.balance(), 1e-6);
    }

    @Test
    void stopOutClosesTheLargestLoserWhenTheMarginLevelFalls()
    {
        terminal.placeOrder(71, eurusd, Side.BUY, 8.0, 0, 0, FAR);
        terminal.placeOrder(72, usdjpy, Side.BUY, 0.01, 0, 0, FAR);
        // Margin about 8,801; stop-out at 50 % means equity <= 4,400.
        terminal.onTick(now, eurusd, 1.09300, 1.09310);
        assertEquals(1, reports.closed.size());
        assertTrue(reports.closed.get(0).startsWith("100001:STOP_OUT:"), reports.closed.toString());
    }

    @Test
    void injectedRejectsApplyToTheNextOrdersOnly()
    {
        terminal.rejectNext(ReturnCodes.REQUOTE, 2);
        terminal.placeOrder(81, eurusd, Side.BUY, 0.1, 0, 0, FAR);
        terminal.placeOrder(81, eurusd, Side.BUY, 0.1, 0, 0, FAR);
        assertEquals(ReturnCodes.REQUOTE, reports.lastResult().retcode);
        terminal.placeOrder(81, eurusd, Side.BUY, 0.1, 0, 0, FAR);
        assertEquals(ReturnCodes.DONE, reports.lastResult().retcode);
    }

    @Test
    void aLostReplyStillExecutes()
    {
        terminal.loseNextReply();
        final int results = reports.results.size();
        terminal.placeOrder(91, eurusd, Side.BUY, 0.1, 0, 0, FAR);
        assertEquals(results, reports.results.size());
        assertEquals(1, terminal.openPositions());
        assertEquals(1, terminal.dealsWithMagic(91));
    }

    @Test
    void aDisconnectLosesCommandsAndReconnectsWithFreshSnapshots()
    {
        terminal.disconnect(now, 3_000);
        assertEquals(List.of(true, false), reports.status);
        terminal.placeOrder(101, eurusd, Side.BUY, 0.1, 0, 0, FAR);
        assertEquals(0, terminal.openPositions(), "sent while disconnected: never arrived");
        final int snapshots = reports.snapshots.size();
        terminal.onTime(now + 2_999);
        assertFalse(terminal.isConnected());
        terminal.onTime(now + 3_000);
        assertEquals(List.of(true, false, true), reports.status);
        assertEquals(snapshots + 1, reports.snapshots.size());
    }

    @Test
    void aFrozenFeedSendsNoAccountReports()
    {
        terminal.freezeAccount(now, 5_000);
        final int accounts = reports.accounts.size();
        terminal.onTick(now + 1_000, eurusd, 1.1, 1.1001);
        terminal.onTime(now + 4_000);
        assertEquals(accounts, reports.accounts.size());
        terminal.onTime(now + 5_000);
        assertEquals(accounts + 1, reports.accounts.size());
    }

    @Test
    void accountFiguresJumpAndLaterTicksMoveEquityFromThere()
    {
        terminal.placeOrder(111, eurusd, Side.BUY, 1.0, 0, 0, FAR);
        terminal.setAccount(now, 10_000, 9_000, Double.NaN, Double.NaN, true);
        assertEquals(9_000, reports.lastEquity(), 1e-6);
        terminal.onTick(now, eurusd, 1.10100, 1.10110);
        assertEquals(9_100, reports.lastEquity(), 1e-6);
        terminal.balanceOperation(now, -500);
        assertEquals(List.of(-500.0), reports.balanceOperations);
        assertEquals(8_600, reports.lastEquity(), 1e-6);
    }
}

package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/** Entries only on symbols the terminal of the current session has described with a spec that can be traded on. */
class TerminalSymbolsTest
{
    /** Started, connected and reconciled, but the terminal has described no symbol. */
    private static EngineHarness reconciledWithoutSpecs()
    {
        final EngineHarness h = new EngineHarness();
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.START, "test");
        h.engine.inbound().terminalReports().terminalStatus(h.now, true);
        h.account(10_000, 10_000);
        h.positions();
        return h;
    }

    @Test
    void noEntryIsApprovedOnASymbolWhoseSpecNeverArrived()
    {
        final EngineHarness h = reconciledWithoutSpecs();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("NO_SYMBOL_SPEC", h.last(SIGNAL_REJECTED).reason());
        assertEquals("MISSING", h.last(SIGNAL_REJECTED).detail());
        assertTrue(h.commands("place").isEmpty());

        h.engine.inbound().terminalReports().symbolSpec(h.now, h.symbol("EURUSD"), h.symbols.spec(h.symbol("EURUSD")));
        h.signal("s2", "EURUSD", Side.BUY, 0.1);
        assertEquals("s2", h.last(SIGNAL_APPROVED).signalId());
        h.signal("s3", "GBPUSD", Side.BUY, 0.1);
        assertEquals("NO_SYMBOL_SPEC", h.last(SIGNAL_REJECTED).reason(), "each symbol needs its own spec");
    }

    @Test
    void aRefusedSpecIsReportedAndDeniesEntriesOnThatSymbolOnly()
    {
        final EngineHarness h = reconciledWithoutSpecs();
        h.specs();
        h.engine.inbound().terminalReports().symbolRefused(h.now, h.symbol("XAUUSD"));
        assertEquals(h.symbol("XAUUSD"), h.last(SYMBOL_REFUSED).symbolId());
        assertEquals("BAD_SYMBOL", h.last(SYMBOL_REFUSED).reason());

        h.signal("gold", "XAUUSD", Side.BUY, 0.1);
        assertEquals("NO_SYMBOL_SPEC", h.last(SIGNAL_REJECTED).reason());
        assertEquals("REFUSED", h.last(SIGNAL_REJECTED).detail());
        h.signal("euro", "EURUSD", Side.BUY, 0.1);
        assertEquals("euro", h.last(SIGNAL_APPROVED).signalId());
    }

    @Test
    void aSpecThatCannotBeTradedOnIsRefusedByTheEngineToo()
    {
        final EngineHarness h = reconciledWithoutSpecs();
        final int eurusd = h.symbol("EURUSD");
        h.engine.inbound().terminalReports().symbolSpec(h.now, eurusd, 100_000, 0.01, 0, 100, 5, 3);
        assertEquals(eurusd, h.last(SYMBOL_REFUSED).symbolId());
        h.engine.inbound().terminalReports().symbolSpec(h.now, eurusd, 100_000, 1, 0.01, 0.5, 5, 3);
        assertEquals(2, h.events(SYMBOL_REFUSED).size(), "volumeMin above volumeMax");
        h.engine.inbound().terminalReports().symbolSpec(h.now, eurusd, Double.NaN, 0.01, 0.01, 100, 5, 3);
        h.engine.inbound().terminalReports().symbolSpec(h.now, eurusd, 100_000, 0.01, 0.01, 100, 11, 3);
        assertEquals(4, h.events(SYMBOL_REFUSED).size());
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("REFUSED", h.last(SIGNAL_REJECTED).detail());
    }

    @Test
    void theTerminalsVolumeRulesDecideOnceItsSpecArrived()
    {
        final EngineHarness h = reconciledWithoutSpecs();
        h.engine.inbound().terminalReports().symbolSpec(h.now, h.symbol("EURUSD"), 100_000, 0.1, 0.1, 5, 5, 3);
        h.signal("small", "EURUSD", Side.BUY, 0.05);
        assertEquals("INVALID_VOLUME", h.last(SIGNAL_REJECTED).reason(), "below the broker's minimum of 0.1");
        h.signal("odd", "EURUSD", Side.BUY, 0.15);
        assertEquals("INVALID_VOLUME", h.last(SIGNAL_REJECTED).reason(), "not a whole number of 0.1 steps");
        h.signal("big", "EURUSD", Side.BUY, 6);
        assertEquals("INVALID_VOLUME", h.last(SIGNAL_REJECTED).reason(), "above the broker's maximum of 5");
        h.signal("fine", "EURUSD", Side.BUY, 0.3);
        assertEquals("fine", h.last(SIGNAL_APPROVED).signalId());
    }

    @Test
    void aNewSessionForgetsTheSpecsOfTheLastOne()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.engine.inbound().terminalReports().terminalStatus(h.now, false);
        h.engine.inbound().terminalReports().terminalStatus(h.now, true);
        h.account(10_000, 10_000);
        h.positions();
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("MISSING", h.last(SIGNAL_REJECTED).detail(), "this terminal has not described EURUSD");
        h.specs();
        h.signal("s2", "EURUSD", Side.BUY, 0.1);
        assertEquals("s2", h.last(SIGNAL_APPROVED).signalId());
    }

    @Test
    void aSessionJournaledBeforeTerminalsReportedSpecsReplaysAsItWasDecided()
    {
        final EngineHarness h = new EngineHarness();
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.START, "test");
        h.engine.process(InboundEntry.of(in -> in.terminalReports().terminalStatus(h.now, true, false)));
        h.account(10_000, 10_000);
        h.positions();
        h.signal("old", "EURUSD", Side.BUY, 0.1);
        assertEquals("old", h.last(SIGNAL_APPROVED).signalId(), "the configured specs were in force then");
    }

    @Test
    void theStatusBoardNamesTheSymbolsEntriesAreDeniedOn()
    {
        final EngineHarness h = reconciledWithoutSpecs();
        final StatusBoard board = new StatusBoard();
        h.engine.statusBoard(board);
        h.engine.inbound().terminalReports().symbolSpec(h.now, h.symbol("EURUSD"), h.symbols.spec(h.symbol("EURUSD")));
        h.engine.inbound().terminalReports().symbolRefused(h.now, h.symbol("XAUUSD"));
        h.advance(100);
        assertEquals(List.of("GBPUSD", "USDJPY"), board.symbolsWithoutSpec);
        assertEquals(List.of("XAUUSD"), board.symbolsRefused);
    }
}

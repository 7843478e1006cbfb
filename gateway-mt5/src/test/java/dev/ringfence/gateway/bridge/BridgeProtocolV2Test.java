package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.TradePermissions;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/** What protocol 2 carries, end to end: the simulated terminal, the gateway and the engine over loopback. */
class BridgeProtocolV2Test
{
    @Test
    void aMissingTradePermissionDeniesEntriesUntilItIsBack() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.terminal.tradePermissions(TradePermissions.ALL & ~TradePermissions.TERMINAL);
            assertEquals("TERMINAL", rig.await(TERMINAL_TRADING_NOT_PERMITTED, 1).reason());
            rig.signal("while-off", 0.1);
            assertEquals("TRADING_NOT_PERMITTED", rig.await(SIGNAL_REJECTED, 1).detail());

            rig.terminal.tradePermissions(TradePermissions.ALL);
            rig.await(TERMINAL_TRADING_PERMITTED, 1);
            rig.signal("back-on", 0.1);
            assertEquals("back-on", rig.await(TRADE_EXECUTED, 1).signalId());
        }
    }

    @Test
    void aPartialCloseAtTheTerminalReducesThePosition() throws Exception
    {
        try (BridgeRig rig = new BridgeRig().start())
        {
            rig.await(RECONCILED, 1);
            rig.signal("to-halve", 0.2);
            final LifecycleEvent executed = rig.await(TRADE_EXECUTED, 1);
            rig.terminal.closePartially(executed.ticket(), 0.05);
            final LifecycleEvent reduced = rig.await(POSITION_REDUCED, 1);
            assertEquals(executed.ticket(), reduced.ticket());
            assertEquals(0.05, reduced.volume(), 1e-9);
            assertEquals(0.15, reduced.remainingVolume(), 1e-9);
            assertEquals("MANUAL", reduced.reason());
            assertEquals(0, rig.count(POSITION_CLOSED), "the position is still open");
            assertEquals(1, rig.terminal.openPositions());
        }
    }
}

package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.GuardState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Why entries are denied: one code, the most fundamental reason first. */
class EntryGateTest
{
    private static final long T0 = 1_767_571_200_000L;

    private final LifecycleLog log = new LifecycleLog();
    private final Reconciliation reconciliation = new Reconciliation(log.emitter);
    private final EquityFeed feed = new EquityFeed(new EngineConfig(), log.emitter, log.metrics, new Positions(4), new OrderBook(4));
    private final EntryGate gate = new EntryGate(feed, reconciliation);

    private void reconciled()
    {
        reconciliation.onTerminalStatus(T0, true);
        reconciliation.onAccount();
        reconciliation.onSnapshot();
        reconciliation.reconcileIfReady(T0);
    }

    @Test
    void entriesWaitForReconciliation()
    {
        assertFalse(gate.allows(GuardState.ACTIVE));
        assertEquals("RECONCILING", gate.denial(GuardState.ACTIVE));
        reconciled();
        assertTrue(gate.allows(GuardState.ACTIVE));
        assertNull(gate.denial(GuardState.ACTIVE));
        assertTrue(gate.allows(GuardState.REDUCE_ONLY) == GuardState.REDUCE_ONLY.allowsEntries());
    }

    @Test
    void eachConditionDeniesAndTheGuardStateNamesItselfFirst()
    {
        reconciled();
        gate.rebaseRequired(true);
        assertEquals("REBASE_REQUIRED", gate.denial(GuardState.ACTIVE));
        gate.journalGap(true);
        assertEquals("JOURNAL_GAP", gate.denial(GuardState.ACTIVE));
        gate.journalFailed(true);
        assertEquals("JOURNAL_FAILED", gate.denial(GuardState.ACTIVE));
        gate.tradingNotPermitted(true);
        assertEquals("TRADING_NOT_PERMITTED", gate.denial(GuardState.ACTIVE));
        gate.accountMismatch(true);
        assertEquals("ACCOUNT_MISMATCH", gate.denial(GuardState.ACTIVE));
        assertEquals("LOCKED", gate.denial(GuardState.LOCKED));
        gate.accountMismatch(false);
        gate.tradingNotPermitted(false);
        gate.journalFailed(false);
        gate.journalGap(false);
        gate.rebaseRequired(false);
        assertTrue(gate.allows(GuardState.ACTIVE));
    }
}

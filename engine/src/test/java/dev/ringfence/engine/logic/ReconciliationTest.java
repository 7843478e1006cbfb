package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.LifecycleEventType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A terminal session and the reconciliation that opens it. */
class ReconciliationTest
{
    private static final long T0 = 1_767_571_200_000L;

    private final LifecycleLog log = new LifecycleLog();
    private final Reconciliation reconciliation = new Reconciliation(log.emitter);

    @Test
    void reconcilingUntilAConnectedSessionHasAnAccountReportAndASnapshot()
    {
        assertTrue(reconciliation.isReconciling(), "nothing is known before a terminal connects");
        reconciliation.onAccount();
        reconciliation.onSnapshot();
        assertFalse(reconciliation.reconcileIfReady(T0), "not connected");

        assertTrue(reconciliation.onTerminalStatus(T0, true));
        assertFalse(reconciliation.onTerminalStatus(T0 + 1, true), "no change");
        assertEquals(1, log.of(LifecycleEventType.TERMINAL_CONNECTED).size());
        reconciliation.onAccount();
        assertFalse(reconciliation.reconcileIfReady(T0 + 2), "the session's own snapshot is still to come");
        assertTrue(reconciliation.isFirstSnapshotPending());
        reconciliation.countDifferences(2);
        reconciliation.onSnapshot();
        assertFalse(reconciliation.isFirstSnapshotPending());
        assertTrue(reconciliation.reconcileIfReady(T0 + 3));
        assertFalse(reconciliation.isReconciling());
        assertEquals(2, log.of(LifecycleEventType.RECONCILED).get(0).count());
        assertFalse(reconciliation.reconcileIfReady(T0 + 4), "once per session");
    }

    @Test
    void aDisconnectStartsOverWithNoDifferences()
    {
        reconciliation.onTerminalStatus(T0, true);
        reconciliation.onAccount();
        reconciliation.countDifferences(3);
        reconciliation.onSnapshot();
        reconciliation.reconcileIfReady(T0);
        assertTrue(reconciliation.onTerminalStatus(T0 + 1, false));
        assertTrue(reconciliation.isReconciling());
        assertFalse(reconciliation.isTerminalConnected());
        assertEquals(1, log.of(LifecycleEventType.TERMINAL_DISCONNECTED).size());
        reconciliation.onTerminalStatus(T0 + 2, true);
        reconciliation.onAccount();
        reconciliation.onSnapshot();
        assertTrue(reconciliation.reconcileIfReady(T0 + 3));
        assertEquals(0, log.of(LifecycleEventType.RECONCILED).get(1).count());
    }
}

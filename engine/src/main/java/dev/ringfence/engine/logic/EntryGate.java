package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.GuardState;

/**
 * Whether new entries may be taken, and if not the one reason why. Entries need the guard in a state that
 * allows them, and none of the conditions each concern raises here: another account at the terminal, a
 * missing trade permission, a journal that cannot write or left a gap, a changed configuration not yet
 * re-based, a session still reconciling, degraded data. None of them stops guarding or flattening: closes are
 * always attempted. Owned by the business thread.
 */
final class EntryGate
{
    private final EquityFeed feed;
    private final Reconciliation reconciliation;
    private boolean accountMismatch;
    private boolean tradingNotPermitted;
    private boolean journalFailed;
    private boolean journalGap;
    private boolean rebaseRequired;

    EntryGate(final EquityFeed feed, final Reconciliation reconciliation)
    {
        this.feed = feed;
        this.reconciliation = reconciliation;
    }

    /** The terminal reports another account than the journal's: its figures are ignored too. */
    void accountMismatch(final boolean mismatch)
    {
        this.accountMismatch = mismatch;
    }

    /** The terminal reports a missing trade permission. */
    void tradingNotPermitted(final boolean notPermitted)
    {
        this.tradingNotPermitted = notPermitted;
    }

    /** The journal cannot record inputs (disk full, say). */
    void journalFailed(final boolean failed)
    {
        this.journalFailed = failed;
    }

    /**
     * Inputs were processed but not journaled: a rebuild from the journal would miss them, so entries stay
     * denied until an operator re-arms ({@link RiskGuard#rearm}).
     */
    void journalGap(final boolean gap)
    {
        this.journalGap = gap;
    }

    boolean isJournalGap()
    {
        return journalGap;
    }

    /** A changed configuration was announced and waits for an operator's re-base. */
    void rebaseRequired(final boolean required)
    {
        this.rebaseRequired = required;
    }

    boolean isRebaseRequired()
    {
        return rebaseRequired;
    }

    boolean allows(final GuardState state)
    {
        return denial(state) == null;
    }

    /** The reason entries are denied in guard state {@code state}, as a constant code, or null when allowed. */
    String denial(final GuardState state)
    {
        if (!state.allowsEntries())
        {
            return state.name();
        }
        if (accountMismatch)
        {
            return "ACCOUNT_MISMATCH";
        }
        if (tradingNotPermitted)
        {
            return "TRADING_NOT_PERMITTED";
        }
        if (journalFailed)
        {
            return "JOURNAL_FAILED";
        }
        if (journalGap)
        {
            return "JOURNAL_GAP";
        }
        if (rebaseRequired)
        {
            return "REBASE_REQUIRED";
        }
        if (reconciliation.isReconciling())
        {
            return "RECONCILING";
        }
        return feed.isDegraded() ? "DEGRADED" : null;
    }
}

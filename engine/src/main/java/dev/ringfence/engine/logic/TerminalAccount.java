package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.TradePermissions;

/**
 * The account at the terminal, as far as it decides whether entries may be taken: which login the journal
 * belongs to, the terminal's trade permissions, and deposits and withdrawals (each deal applied once).
 * The figures of a report (equity, balance) are the {@link EquityFeed}'s. Owned by the business thread;
 * deterministic, so a replay of the same ACCOUNT events decides the same.
 */
final class TerminalAccount
{
    private final LifecycleEmitter emitter;
    private final EngineMetrics metrics;
    private final RiskGuard guard;
    private final EntryGate gate;
    /** The account this engine's journal belongs to (0 until known) and whether the terminal reports another. */
    private long boundLogin;
    private boolean accountMismatch;
    /** The terminal's last reported {@link TradePermissions} (all, until a report says otherwise). */
    private int tradePermissions = TradePermissions.ALL;
    /** Deal tickets of the last balance operations applied, so one reported twice moves nothing twice. */
    private final long[] recentBalanceDeals = new long[64];
    private int balanceDealCursor;

    TerminalAccount(final long configuredLogin, final LifecycleEmitter emitter, final EngineMetrics metrics, final RiskGuard guard,
        final EntryGate gate)
    {
        this.boundLogin = configuredLogin;
        this.emitter = emitter;
        this.metrics = metrics;
        this.guard = guard;
        this.gate = gate;
    }

    /** An account report: its login, then (for the journal's own account) its trade permissions. */
    void onAccount(final long now, final long login, final int reportedPermissions)
    {
        checkLogin(now, login);
        if (!accountMismatch)
        {
            checkTradePermissions(now, reportedPermissions);
        }
    }

    boolean isAccountMismatch()
    {
        return accountMismatch;
    }

    int tradePermissions()
    {
        return tradePermissions;
    }

    /**
     * A journal belongs to one account: the configured {@code account.login}, or else the first login it
     * recorded. A report of another login (a journal recovered for the wrong terminal) denies entries and
     * raises one ERROR per episode; the guard ignores that account's figures. Deterministic: a replay of the
     * same ACCOUNT events decides the same.
     */
    private void checkLogin(final long now, final long login)
    {
        if (login == 0)
        {
            return;
        }
        if (boundLogin == 0)
        {
            boundLogin = login;
        }
        final boolean mismatch = login != boundLogin;
        if (mismatch == accountMismatch)
        {
            return;
        }
        accountMismatch = mismatch;
        gate.accountMismatch(mismatch);
        if (mismatch)
        {
            emitter.error(now, "ACCOUNT_MISMATCH", "the journal belongs to login " + boundLogin + " but the terminal reports login " +
                login + ": entries denied and its figures ignored; stop, and run this account with its own journal (--journal DIR)");
        }
    }

    /**
     * The terminal reports which of the four trade permissions it has (TradePermissions). Any missing one denies
     * new entries (a program could not open them anyway, and an order sent regardless is a failure to count);
     * closes and flattens are still attempted, since only the terminal can tell whether they go through. One
     * event per change: TERMINAL_TRADING_NOT_PERMITTED naming what is missing, TERMINAL_TRADING_PERMITTED when all
     * are back. Deterministic: a replay of the same ACCOUNT events decides the same.
     */
    private void checkTradePermissions(final long now, final int reported)
    {
        final int permissions = reported & TradePermissions.ALL;
        if (permissions == tradePermissions)
        {
            return;
        }
        final boolean wasPermitted = TradePermissions.allowTrading(tradePermissions);
        tradePermissions = permissions;
        final boolean permitted = TradePermissions.allowTrading(permissions);
        gate.tradingNotPermitted(!permitted);
        if (!permitted)
        {
            emitter.terminalTradingNotPermitted(now, TradePermissions.missing(permissions), permissions);
        }
        else if (!wasPermitted)
        {
            emitter.terminalTradingPermitted(now, permissions);
        }
    }

    /**
     * A deposit or withdrawal. The terminal reports each deal once; one reported again (same deal ticket, among the
     * last 64) is ignored, since moving the peak twice would loosen or tighten every rule by its amount.
     */
    void onBalanceOperation(final double amount, final long dealTicket)
    {
        if (dealTicket != 0)
        {
            for (final long applied : recentBalanceDeals)
            {
                if (applied == dealTicket)
                {
                    metrics.duplicateBalanceOperations++;
                    return;
                }
            }
            recentBalanceDeals[balanceDealCursor] = dealTicket;
            balanceDealCursor = (balanceDealCursor + 1) & (recentBalanceDeals.length - 1);
        }
        guard.onBalanceOperation(amount);
    }
}

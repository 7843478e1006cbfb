package dev.ringfence.gateway.paper;

import static dev.ringfence.engine.config.ConfigChecks.range;

/** Settings of the paper terminal (keys under {@code terminal.} in the configuration file). */
public final class PaperTerminalConfig
{
    /** {@code terminal.login}. */
    public long login = 1_000_001;
    /** {@code terminal.hedging}: hedging (many positions per symbol) or netting (one per symbol). */
    public boolean hedging = true;
    /** {@code terminal.currency}: the account currency. */
    public String currency = "USD";
    /** {@code terminal.leverage}. */
    public int leverage = 100;
    /** {@code terminal.initialBalance}. */
    public double initialBalance = 10_000;
    /** {@code terminal.stopOutLevelPercent}: margin level at which the broker closes the largest loser. */
    public double stopOutLevelPercent = 50;
    /** {@code terminal.gmtOffsetSeconds}: the trade server's offset from GMT. */
    public int gmtOffsetSeconds = 0;
    /** {@code terminal.reportIntervalMillis}: account and positions reports at least this often. */
    public long reportIntervalMillis = 1_000;
    /** {@code terminal.slippagePoints}: fills this many points worse than the quote. */
    public int slippagePoints = 0;

    public PaperTerminalConfig validate()
    {
        range("terminal.leverage", leverage, 1, 10_000);
        range("terminal.initialBalance", initialBalance, 0.01, 1e12);
        range("terminal.stopOutLevelPercent", stopOutLevelPercent, 0, 1000);
        range("terminal.reportIntervalMillis", reportIntervalMillis, 10, 60_000);
        range("terminal.slippagePoints", slippagePoints, 0, 10_000);
        range("terminal.gmtOffsetSeconds", gmtOffsetSeconds, -14 * 3600, 14 * 3600);
        if (currency == null || !currency.matches("[A-Z]{3}"))
        {
            throw new IllegalArgumentException("terminal.currency = " + currency + ": a three-letter currency code such as USD");
        }
        return this;
    }
}

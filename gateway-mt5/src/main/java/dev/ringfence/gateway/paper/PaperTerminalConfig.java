package dev.ringfence.gateway.paper;

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
        if (leverage < 1 || leverage > 10_000)
        {
            throw new IllegalArgumentException("terminal.leverage = " + leverage + ": outside the allowed range 1..10000");
        }
        if (!(initialBalance > 0) || Double.isInfinite(initialBalance))
        {
            throw new IllegalArgumentException("terminal.initialBalance = " + initialBalance + ": must be > 0");
        }
        if (!(stopOutLevelPercent >= 0 && stopOutLevelPercent <= 1000))
        {
            throw new IllegalArgumentException(
                "terminal.stopOutLevelPercent = " + stopOutLevelPercent + ": outside the allowed range 0..1000");
        }
        if (reportIntervalMillis < 10 || reportIntervalMillis > 60_000)
        {
            throw new IllegalArgumentException(
                "terminal.reportIntervalMillis = " + reportIntervalMillis + ": outside the allowed range 10..60000");
        }
        if (currency == null || currency.length() != 3)
        {
            throw new IllegalArgumentException("terminal.currency = " + currency + ": a three-letter currency code");
        }
        return this;
    }
}

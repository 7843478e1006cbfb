package dev.ringfence.engine.event;

/**
 * The terminal's trade permissions as the ACCOUNT report carries them (PROTOCOL.md): a bitmask of the four
 * switches MT5 has, all four needed for a program to trade. Names are precomputed, so describing what is
 * missing allocates nothing.
 */
public final class TradePermissions
{
    /** {@code TERMINAL_TRADE_ALLOWED}: the terminal's Algo Trading button. */
    public static final int TERMINAL = 1;
    /** {@code MQL_TRADE_ALLOWED}: "Allow Algo Trading" in the Expert Advisor's own settings. */
    public static final int PROGRAM = 2;
    /** {@code ACCOUNT_TRADE_ALLOWED}: the account may trade at all. */
    public static final int ACCOUNT = 4;
    /** {@code ACCOUNT_TRADE_EXPERT}: the broker lets programs trade this account. */
    public static final int EXPERT = 8;
    /** Every permission: trading is permitted. Also what a report without the field (an older journal) means. */
    public static final int ALL = TERMINAL | PROGRAM | ACCOUNT | EXPERT;

    private static final String[] NAMES = {"TERMINAL", "PROGRAM", "ACCOUNT", "EXPERT"};
    /** For each set of missing bits, their names joined with '+' (index 0: nothing missing, null). */
    private static final String[] MISSING = new String[ALL + 1];

    static
    {
        for (int missing = 1; missing <= ALL; missing++)
        {
            final StringBuilder names = new StringBuilder();
            for (int bit = 0; bit < NAMES.length; bit++)
            {
                if ((missing & (1 << bit)) != 0)
                {
                    names.append(names.length() == 0 ? "" : "+").append(NAMES[bit]);
                }
            }
            MISSING[missing] = names.toString();
        }
    }

    private TradePermissions()
    {
    }

    /** True when every permission is present. */
    public static boolean allowTrading(final int permissions)
    {
        return (permissions & ALL) == ALL;
    }

    /** True when {@code permission} (one of the bits above) is present. */
    public static boolean has(final int permissions, final int permission)
    {
        return (permissions & permission) != 0;
    }

    /** The missing permissions as a constant code such as {@code "TERMINAL+EXPERT"}; null when none is missing. */
    public static String missing(final int permissions)
    {
        return MISSING[~permissions & ALL];
    }
}

package dev.ringfence.engine.config;

/**
 * What the engine and the paper terminal know of one symbol. Volumes are in lots; the contract size
 * converts lots to units of the base currency (or ounces, for XAUUSD).
 */
public final class SymbolSpec
{
    /** Filling-mode bits of MT5's {@code SYMBOL_FILLING_MODE}. */
    public static final int FILLING_FOK = 1;
    public static final int FILLING_IOC = 2;

    private final String name;
    private final double contractSize;
    private final int digits;
    private final double volumeMin;
    private final double volumeStep;
    private final double volumeMax;
    private final int fillingModes;
    private final String baseCurrency;
    private final String profitCurrency;

    public SymbolSpec(
        final String name,
        final double contractSize,
        final int digits,
        final double volumeMin,
        final double volumeStep,
        final double volumeMax,
        final int fillingModes,
        final String baseCurrency,
        final String profitCurrency)
    {
        this.name = name;
        this.contractSize = contractSize;
        this.digits = digits;
        this.volumeMin = volumeMin;
        this.volumeStep = volumeStep;
        this.volumeMax = volumeMax;
        this.fillingModes = fillingModes;
        this.baseCurrency = baseCurrency;
        this.profitCurrency = profitCurrency;
    }

    /** The usual specs of a symbol named like {@code EURUSD} or {@code XAUUSD}. */
    public static SymbolSpec standard(final String name)
    {
        final String base = name.length() >= 6 ? name.substring(0, 3) : name;
        final String quote = name.length() >= 6 ? name.substring(3, 6) : "USD";
        final boolean metal = base.equals("XAU") || base.equals("XAG");
        final int digits = metal ? 2 : quote.equals("JPY") ? 3 : 5;
        final double contract = base.equals("XAU") ? 100 : base.equals("XAG") ? 5000 : 100_000;
        return new SymbolSpec(name, contract, digits, 0.01, 0.01, 100, FILLING_FOK | FILLING_IOC, base, quote);
    }

    /** Most digits a price can have (MT5 symbols have at most 8). */
    public static final int MAX_DIGITS = 10;

    /** True when {@code volume} is finite, within [min, max] and a whole number of steps. */
    public boolean isValidVolume(final double volume)
    {
        return isValidVolume(volume, volumeMin, volumeStep, volumeMax);
    }

    /** The volume rule, for specs held as numbers (the engine's copy of the terminal's spec). Allocation-free. */
    public static boolean isValidVolume(final double volume, final double volumeMin, final double volumeStep, final double volumeMax)
    {
        if (!Double.isFinite(volume) || volume < volumeMin - Money.VOLUME_EPSILON || volume > volumeMax + Money.VOLUME_EPSILON)
        {
            return false;
        }
        final double steps = volume / volumeStep;
        return Math.abs(steps - Math.rint(steps)) < 1e-6;
    }

    /**
     * Whether a spec can be traded on: contract size and volume min, step and max finite and above 0, min not
     * above max, digits within 0..{@value #MAX_DIGITS}. The gateway refuses a terminal's spec that is not
     * (PROTOCOL.md, ERROR 18 {@code BAD_SYMBOL}); the engine checks again whatever reports it.
     */
    public static boolean isUsable(
        final double contractSize, final double volumeMin, final double volumeStep, final double volumeMax, final int digits)
    {
        return isPositive(contractSize) && isPositive(volumeMin) && isPositive(volumeStep) && isPositive(volumeMax) &&
            volumeMin <= volumeMax && digits >= 0 && digits <= MAX_DIGITS;
    }

    private static boolean isPositive(final double value)
    {
        return value > 0 && Double.isFinite(value);
    }

    public String name()
    {
        return name;
    }

    public double contractSize()
    {
        return contractSize;
    }

    public int digits()
    {
        return digits;
    }

    public double volumeMin()
    {
        return volumeMin;
    }

    public double volumeStep()
    {
        return volumeStep;
    }

    public double volumeMax()
    {
        return volumeMax;
    }

    public int fillingModes()
    {
        return fillingModes;
    }

    public String baseCurrency()
    {
        return baseCurrency;
    }

    public String profitCurrency()
    {
        return profitCurrency;
    }
}

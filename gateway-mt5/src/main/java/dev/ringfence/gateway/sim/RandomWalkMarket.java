package dev.ringfence.gateway.sim;

import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;

import java.util.SplittableRandom;

/** A seeded random-walk quote per symbol, with a ten-point spread, for paper trading and the simulator. */
public final class RandomWalkMarket
{
    private final SymbolTable symbols;
    private final double volatility;
    private final SplittableRandom random;
    private final double[] mids;

    public RandomWalkMarket(final SymbolTable symbols, final double volatility, final long seed)
    {
        this.symbols = symbols;
        this.volatility = volatility;
        this.random = new SplittableRandom(seed);
        this.mids = new double[symbols.size()];
        for (int i = 0; i < mids.length; i++)
        {
            mids[i] = startingMid(symbols.name(i));
        }
    }

    /** Moves every symbol one step. */
    public void step()
    {
        for (int i = 0; i < mids.length; i++)
        {
            mids[i] *= Math.exp(volatility * gaussian());
        }
    }

    public double bid(final int symbolId)
    {
        final SymbolSpec spec = symbols.spec(symbolId);
        return round(mids[symbolId] - 5 * Math.pow(10, -spec.digits()), spec.digits());
    }

    public double ask(final int symbolId)
    {
        final SymbolSpec spec = symbols.spec(symbolId);
        return round(mids[symbolId] + 5 * Math.pow(10, -spec.digits()), spec.digits());
    }

    /** A uniformly drawn integer below {@code bound}, from the same seeded stream (demo signals). */
    public int nextInt(final int bound)
    {
        return random.nextInt(bound);
    }

    private double gaussian()
    {
        // Box-Muller on the seeded stream, so a seed always gives the same path.
        final double u1 = Math.max(1e-12, random.nextDouble());
        final double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double round(final double value, final int digits)
    {
        final double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static double startingMid(final String symbol)
    {
        switch (symbol)
        {
            case "EURUSD": return 1.0850;
            case "GBPUSD": return 1.2650;
            case "USDJPY": return 150.00;
            case "XAUUSD": return 2350.00;
            default: return 100.0;
        }
    }
}

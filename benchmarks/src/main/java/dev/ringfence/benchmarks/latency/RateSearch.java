package dev.ringfence.benchmarks.latency;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code --search}: the highest steady rate the engine sustains, its p99 within the budget and at least 95 %
 * of the planned rate achieved, each step a short trial of its own (2 s warm-up, 3 s measured).
 */
final class RateSearch
{
    private final TrialRunner trials;
    private final Supplier<Pipeline> engine;
    private final double budgetP99Micros;
    private final PrintStream out;

    /** @param engine a new engine pipeline for each step */
    RateSearch(final TrialRunner trials, final Supplier<Pipeline> engine, final double budgetP99Micros, final PrintStream out)
    {
        this.trials = trials;
        this.engine = engine;
        this.budgetP99Micros = budgetP99Micros;
        this.out = out;
    }

    /** The highest rate found: doubling from 100,000 events/s until a step fails, then four bisections. */
    double highestSustainableRate() throws Exception
    {
        out.printf(Locale.ROOT, "searching the highest rate with engine p99 <= %.0f µs (2 s warm-up + 3 s per step)%n", budgetP99Micros);
        double good = 0;
        double bad = Double.NaN;
        double probe = 100_000;
        while (Double.isNaN(bad) && probe <= 16_000_000)
        {
            if (sustains(probe))
            {
                good = probe;
                probe *= 2;
            }
            else
            {
                bad = probe;
            }
        }
        for (int step = 0; step < 4 && !Double.isNaN(bad); step++)
        {
            final double middle = (good + bad) / 2;
            if (sustains(middle))
            {
                good = middle;
            }
            else
            {
                bad = middle;
            }
        }
        out.printf(Locale.ROOT, "highest sustainable rate: %,.0f events/s%n", good);
        return good;
    }

    private boolean sustains(final double probeRate) throws Exception
    {
        final TrialResult r = trials.run(engine.get(), LoadSchedule.steady(probeRate), 2, 3);
        final boolean ok = r.micros(99) <= budgetP99Micros && r.achievedRate >= 0.95 * probeRate;
        out.printf(Locale.ROOT, "  %,12.0f events/s: p99 %.2f µs, achieved %,.0f/s -> %s%n",
            probeRate, r.micros(99), r.achievedRate, ok ? "sustained" : "not sustained");
        return ok;
    }
}

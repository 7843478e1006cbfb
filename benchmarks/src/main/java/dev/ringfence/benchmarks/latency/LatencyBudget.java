package dev.ringfence.benchmarks.latency;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CI latency check (benchmarks/latency-budget.properties). Latency is gated by ratios between pipelines measured
 * in the same run, never by milliseconds: the engine against the limit (the same ring and wait strategy with a
 * consumer that only records) and the baseline against the engine. A ratio follows a slower or noisier machine; a
 * lock, a system call or an allocation on the engine's path moves it. Beside the ratios: allocation per event,
 * garbage collections and the rate the engine sustained.
 *
 * <p>Ratio keys are {@code engineOverLimit.pNN.max} (the engine at most that many times the limit) and
 * {@code baselineOverEngine.pNN.min} (the baseline at least that many times the engine), for NN in 50, 90, 99, 999
 * (p99.9) and 9999 (p99.99). An unknown key is a violation, so a misspelt budget cannot pass unseen.
 */
final class LatencyBudget
{
    /** A ratio key, each with its own bound: the engine at most so far above the limit, the baseline at least so far above it. */
    private static final Pattern RATIO = Pattern.compile(
        "(engineOverLimit)\\.p(50|90|99|999|9999)\\.max|(baselineOverEngine)\\.p(50|90|99|999|9999)\\.min");
    /** What the harness reads from the file to set up the run (see Harness): not checks. */
    private static final Set<String> LOAD_KEYS = Set.of("rate", "warmupSeconds", "seconds", "journalDir");
    private static final String ALLOCATION = "engineMaxAllocatedBytesPerEvent";
    private static final double MINIMUM_ACHIEVED_FRACTION = 0.95;
    /** Core-to-core round trips this far apart within one run mean the host moved its CPUs (see CoreHop). */
    private static final double HOP_MOVED_FACTOR = 2;

    /**
     * The harness's exit code for a run over budget, the one CI runs again: a code no JVM or picocli exit uses (a
     * failed run exits 1, a usage error or a budget file that cannot be checked 2, the JVM 3 on an out-of-memory
     * exit).
     */
    static final int OVER_BUDGET = 10;
    /** A budget that cannot be checked (a misspelt key, a pipeline it needs that did not run): the same every run. */
    static final int NOT_CHECKED = 2;

    private LatencyBudget()
    {
    }

    /**
     * Prints PASS or one FAIL line per violation, and a note when the machine's core-to-core round trip moved during
     * the run; returns the exit code: 0, {@link #OVER_BUDGET} or {@link #NOT_CHECKED}.
     */
    static int check(final PrintStream out, final List<TrialResult> results, final Properties budget)
    {
        final int exitCode = checkBudget(out, results, budget);
        final String hopNote = hopNote(results);
        if (hopNote != null)
        {
            out.println("latency check: note: " + hopNote);
        }
        return exitCode;
    }

    private static int checkBudget(final PrintStream out, final List<TrialResult> results, final Properties budget)
    {
        final List<String> violations = new ArrayList<>();
        final List<String> unchecked = new ArrayList<>();
        final TrialResult engine = Reports.find(results, "engine");
        if (engine == null)
        {
            unchecked.add("the engine pipeline did not run");
        }
        else
        {
            checkEngine(engine, budget, violations);
            for (final String key : budget.stringPropertyNames())
            {
                checkKey(key, budget.getProperty(key).trim(), results, engine, violations, unchecked);
            }
        }
        if (violations.isEmpty() && unchecked.isEmpty())
        {
            out.println("latency check: PASS");
            return 0;
        }
        unchecked.forEach(problem -> out.println("latency check: FAIL " + problem));
        violations.forEach(violation -> out.println("latency check: FAIL " + violation));
        return unchecked.isEmpty() ? OVER_BUDGET : NOT_CHECKED;
    }

    private static void checkEngine(final TrialResult engine, final Properties budget, final List<String> violations)
    {
        final String allocation = budget.getProperty(ALLOCATION);
        if (allocation != null && engine.allocatedBytesPerEvent > Double.parseDouble(allocation))
        {
            violations.add(String.format(Locale.ROOT, "the engine allocated %.4f bytes per event (budget %s)", engine.allocatedBytesPerEvent, allocation));
        }
        if (engine.gcCount > 0)
        {
            violations.add("the engine's run had " + engine.gcCount + " garbage collections");
        }
        if (engine.achievedRate < MINIMUM_ACHIEVED_FRACTION * engine.plannedRate)
        {
            violations.add(String.format(Locale.ROOT, "the engine sustained only %,.0f of %,.0f events/s", engine.achievedRate, engine.plannedRate));
        }
    }

    private static void checkKey(
        final String key,
        final String value,
        final List<TrialResult> results,
        final TrialResult engine,
        final List<String> violations,
        final List<String> unchecked)
    {
        if (LOAD_KEYS.contains(key) || ALLOCATION.equals(key))
        {
            return;
        }
        final Matcher m = RATIO.matcher(key);
        if (!m.matches())
        {
            unchecked.add("unknown budget key " + key + " (ratio keys: engineOverLimit.pNN.max, baselineOverEngine.pNN.min)");
            return;
        }
        final boolean overLimit = m.group(1) != null;
        final String digits = overLimit ? m.group(2) : m.group(4);
        final String other = overLimit ? "limit" : "baseline";
        final TrialResult against = Reports.find(results, other);
        if (against == null)
        {
            unchecked.add("the budget has " + key + ", but the " + other + " pipeline did not run (--pipeline all)");
            return;
        }
        final double percentile = Double.parseDouble(label(digits));
        final double bound = Double.parseDouble(value);
        final double ratio = overLimit ? Reports.ratio(engine, against, percentile) : Reports.ratio(against, engine, percentile);
        if (overLimit && ratio > bound)
        {
            violations.add(String.format(Locale.ROOT, "the engine is too far from the machine's limit: p%s engine/limit %.2f (maximum %s)",
                label(digits), ratio, value));
        }
        else if (!overLimit && ratio < bound)
        {
            violations.add(String.format(Locale.ROOT, "the engine is not far enough ahead of the baseline: p%s baseline/engine %.2f (minimum %s)",
                label(digits), ratio, value));
        }
    }

    /**
     * Null, or what to know before reading the ratios when the core-to-core round trip moved by more than
     * {@link #HOP_MOVED_FACTOR} between the readings around the pipelines: a ratio then compares two machines.
     */
    static String hopNote(final List<TrialResult> results)
    {
        double fastest = Double.POSITIVE_INFINITY;
        double slowest = 0;
        for (final TrialResult r : results)
        {
            for (final double hop : new double[] {r.coreHopBeforeNanos, r.coreHopAfterNanos})
            {
                if (!Double.isNaN(hop))
                {
                    fastest = Math.min(fastest, hop);
                    slowest = Math.max(slowest, hop);
                }
            }
        }
        if (!(slowest > HOP_MOVED_FACTOR * fastest))
        {
            return null;
        }
        return "the machine's core-to-core round trip moved during the run (" + Reports.hopReadings(results)
            + "); pipelines that ran on different round trips compare two machines";
    }


    /** The percentile a key's digits name: "50" is 50, "999" is 99.9, "9999" is 99.99. */
    static String label(final String digits)
    {
        return digits.length() <= 2 ? digits : digits.substring(0, 2) + "." + digits.substring(2);
    }
}

package dev.ringfence.benchmarks.latency;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The open-loop latency harness. One publisher thread sends tick and account events at a fixed planned
 * rate; each event carries its planned send time, and the pipeline records the time from there to the
 * moment the business logic has decided about it. Because the schedule never waits for the system, a
 * stall delays every event planned behind it and shows in the percentiles (no coordinated omission).
 * The engine, the conventional baseline and the limit (the same ring and wait strategy with a consumer
 * that only records) run the same load, one after the other, in the same JVM.
 */
@Command(
    name = "bench latency",
    mixinStandardHelpOptions = true,
    description = {
        "Open-loop latency of the full pipeline (ring, journal, business logic) against a conventional",
        "baseline (blocking queue, lock, synchronous journal write) and the limit (the same ring and wait",
        "strategy, a consumer that only records the latency). Prints a summary table; writes JSON,",
        ".hgrm percentile distributions and an HTML percentile plot."})
public final class Harness implements Callable<Integer>
{
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--rate", defaultValue = "100000", description = "Planned events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--burst", paramLabel = "EVENTS/PERIOD_MS",
        description = "Bursts instead of a steady rate, like a terminal on news: e.g. 2000/100 = 2,000 events every 100 ms (--rate is then ignored).")
    String burst;

    @Option(names = "--burst-rate", defaultValue = "1000000", description = "Events per second inside a burst (default: ${DEFAULT-VALUE}).")
    double burstRate;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per pipeline (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "12", description = "Unmeasured seconds first, same load; the default "
        + "holds the engine's first heartbeat (10 s in), whose first run makes the JIT recompile the business logic (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--pipeline", paramLabel = "NAMES",
        description = "Comma-separated, run in the order given: engine, baseline, limit; both = engine,baseline; all = all three (default: all).")
    String pipeline;

    @Option(names = "--wait", defaultValue = "yielding", description = "The engine's wait strategy (default: ${DEFAULT-VALUE}).")
    String waitStrategy;

    @Option(names = "--journal-thread", description = "The engine's journal on a thread of its own, as run places it on more than 2 cores (journal.thread), instead of inline on the business thread; the service time then counts the logic alone.")
    boolean journalThread;

    @Option(names = "--no-journal", description = "Run the engine without its journal (to see what the journal costs).")
    boolean noJournal;

    @Option(names = "--journal-dir", paramLabel = "DIR", description = "Where both pipelines journal (default: the system temp directory). /dev/shm puts both on tmpfs.")
    Path journalDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "benchmarks/target/latency",
        description = "Where the .hgrm files and latency.html go (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--search", description = "Also search the highest rate the engine sustains with p99 under --budget-p99-micros.")
    boolean search;

    @Option(names = "--budget-p99-micros", defaultValue = "100", description = "The p99 budget of the rate search (default: ${DEFAULT-VALUE}).")
    double budgetP99Micros;

    @Option(names = "--check", paramLabel = "FILE", description = "Run with the rate and seconds of this budget file and exit 10 when over budget (CI runs it again), 2 when the budget cannot be checked, 1 when the run failed.")
    Path check;

    private final PrintStream out = System.out;

    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new Harness()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        Properties budget = null;
        if (check != null)
        {
            budget = load(check);
            rate = Double.parseDouble(budget.getProperty("rate"));
            seconds = Integer.parseInt(budget.getProperty("seconds"));
            warmupSeconds = Integer.parseInt(budget.getProperty("warmupSeconds"));
            final String dir = budget.getProperty("journalDir", "");
            if (!dir.isEmpty() && Files.isDirectory(Paths.get(dir)))
            {
                journalDir = Paths.get(dir);
            }
        }
        final List<String> pipelines;
        try
        {
            pipelines = pipelines(pipeline == null ? "all" : pipeline);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bench latency: " + ex.getMessage());
            return 2;
        }
        if (budget != null && !(pipelines.contains("engine") && pipelines.contains("baseline")))
        {
            System.err.println("bench latency: --check needs the engine and the baseline pipelines");
            return 2;
        }
        if (!(rate > 0) || seconds < 1 || warmupSeconds < 0)
        {
            System.err.println("bench latency: --rate must be > 0, --seconds >= 1, --warmup-seconds >= 0");
            return 2;
        }
        final LoadSchedule load;
        try
        {
            load = burst == null ? LoadSchedule.steady(rate) : LoadSchedule.bursts(burst, burstRate);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("bench latency: " + ex.getMessage());
            return 2;
        }
        rate = load.meanRate();
        if (journalDir == null)
        {
            journalDir = Paths.get(System.getProperty("java.io.tmpdir"));
        }
        out.printf(Locale.ROOT, "open-loop latency: %s planned, %d s warm-up + %d s measured per pipeline, journals in %s, %d cores, Java %s%n",
            load, warmupSeconds, seconds, journalDir, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        final TrialRunner trials = new TrialRunner(out);
        final List<TrialResult> results = new ArrayList<>();
        for (final String name : pipelines)
        {
            results.add(trials.run(pipeline(name), load, warmupSeconds, seconds));
        }
        double sustainable = Double.NaN;
        if (search)
        {
            sustainable = new RateSearch(trials, this::enginePipeline, budgetP99Micros, out).highestSustainableRate();
        }
        Reports.summary(out, results, sustainable, budgetP99Micros);
        Files.createDirectories(outDir);
        Reports.writeHistograms(outDir, results);
        Reports.writeHtml(outDir.resolve("latency.html"), results, load.toString());
        out.println("percentile distributions: " + outDir.resolve("engine.hgrm") + ", plot: " + outDir.resolve("latency.html"));
        if (json != null)
        {
            Files.writeString(json, Reports.json(results, sustainable, budgetP99Micros), StandardCharsets.UTF_8);
            out.println("json: " + json);
        }
        return budget == null ? 0 : LatencyBudget.check(out, results, budget);
    }

    /** The engine as the options set it up: wait strategy, journal or none, journal thread, journal directory. */
    private EnginePipeline enginePipeline()
    {
        return new EnginePipeline(waitStrategy, !noJournal, journalDir, journalThread);
    }

    /** The pipelines named by {@code --pipeline}, in the order given (each once): the order they run in. */
    static List<String> pipelines(final String names)
    {
        final List<String> wanted = new ArrayList<>();
        for (final String raw : names.split(","))
        {
            final String name = raw.trim().toLowerCase(Locale.ROOT);
            switch (name)
            {
                case "all":
                    wanted.addAll(List.of("engine", "baseline", "limit"));
                    break;
                case "both":
                    wanted.addAll(List.of("engine", "baseline"));
                    break;
                case "engine":
                case "baseline":
                case "limit":
                    wanted.add(name);
                    break;
                default:
                    throw new IllegalArgumentException("--pipeline " + names + ": use engine, baseline, limit, both or all, comma-separated");
            }
        }
        final List<String> ordered = new ArrayList<>();
        for (final String name : wanted)
        {
            if (!ordered.contains(name))
            {
                ordered.add(name);
            }
        }
        return ordered;
    }

    private Pipeline pipeline(final String name)
    {
        switch (name)
        {
            case "engine":
                return enginePipeline();
            case "baseline":
                return new BaselinePipeline(journalDir);
            default:
                return new LimitPipeline(waitStrategy, EnginePipeline.RING_SIZE);
        }
    }

    private static Properties load(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        try (InputStream in = new FileInputStream(file.toFile()))
        {
            properties.load(in);
        }
        return properties;
    }
}

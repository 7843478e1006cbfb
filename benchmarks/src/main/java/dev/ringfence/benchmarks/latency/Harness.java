package dev.ringfence.benchmarks.latency;

import com.sun.management.ThreadMXBean;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

    private boolean recordLateness;

    @Option(names = "--rate", defaultValue = "100000", description = "Planned events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--burst", paramLabel = "EVENTS/PERIOD_MS",
        description = "Bursts instead of a steady rate, like a terminal on news: e.g. 2000/100 = 2,000 events every 100 ms (--rate is then ignored).")
    String burst;

    @Option(names = "--burst-rate", defaultValue = "1000000", description = "Events per second inside a burst (default: ${DEFAULT-VALUE}).")
    double burstRate;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per pipeline (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Unmeasured seconds first, same load (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--pipeline", paramLabel = "NAMES",
        description = "Comma-separated: engine, baseline, limit; both = engine,baseline; all = all three (default: all).")
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

    @Option(names = "--check", paramLabel = "FILE", description = "Run with the rate and seconds of this budget file and exit 1 on any violation (CI).")
    Path check;

    private final PrintStream out = System.out;
    /** How late the publisher sent each measured event (harness thread only). */
    private final Histogram lateness = new Histogram(HIGHEST_NANOS, 3);

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

        final List<TrialResult> results = new ArrayList<>();
        if (pipelines.contains("engine"))
        {
            results.add(trial(new EnginePipeline(waitStrategy, !noJournal, journalDir, journalThread), load, warmupSeconds, seconds));
        }
        if (pipelines.contains("baseline"))
        {
            results.add(trial(new BaselinePipeline(journalDir), load, warmupSeconds, seconds));
        }
        if (pipelines.contains("limit"))
        {
            results.add(trial(new LimitPipeline(waitStrategy, EnginePipeline.RING_SIZE), load, warmupSeconds, seconds));
        }
        double sustainable = Double.NaN;
        if (search)
        {
            sustainable = searchSustainableRate();
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
        return budget == null ? 0 : Reports.check(out, results, budget);
    }

    /** The pipelines named by {@code --pipeline}, in the order they run: engine, baseline, limit. */
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
        for (final String name : List.of("engine", "baseline", "limit"))
        {
            if (wanted.contains(name))
            {
                ordered.add(name);
            }
        }
        return ordered;
    }

    /** Runs one pipeline: warm-up, then the measured stretch, then waits until it has caught up. */
    TrialResult trial(final Pipeline pipeline, final LoadSchedule load, final int warmup, final int measured) throws Exception
    {
        try (Pipeline p = pipeline)
        {
            p.start();
            long index = 0;
            index = pace(p, index, load, load.events(warmup), "warm-up");
            // The start-up garbage (class loading, the ring's pre-allocated entries) goes now, between the phases,
            // where no event is planned: a collection it triggers later would be charged to the measured run.
            // What the measured run allocates itself is still counted (bytes per event, GCs).
            awaitQuiet(p);
            System.gc();
            p.startMeasuring();
            final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
            threads.setThreadAllocatedMemoryEnabled(true);
            final long[] ids = p.threadIds();
            final long[] publisher = {Thread.currentThread().getId()};
            final long allocatedBefore = allocated(threads, ids);
            final long publisherBefore = allocated(threads, publisher);
            final long gcBefore = gcCount();
            final long events = load.events(measured);
            lateness.reset();
            recordLateness = true;
            final long started = System.nanoTime();
            final long end = pace(p, index, load, events, "measured");
            final long publishingNanos = System.nanoTime() - started;
            recordLateness = false;
            awaitQuiet(p);
            final long allocatedBytes = allocated(threads, ids) - allocatedBefore;
            final long publisherBytes = allocated(threads, publisher) - publisherBefore;
            final long gcs = gcCount() - gcBefore;
            final TrialResult result = new TrialResult(p.name(), load.meanRate(), (end - index) * 1e9 / publishingNanos, end - index,
                p.histogram().copy(), (double)allocatedBytes / (end - index), (double)publisherBytes / (end - index), gcs,
                p.serviceTime().copy(), lateness.copy());
            out.printf(Locale.ROOT, "%-8s done: p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, max %.1f µs%n",
                p.name(), result.micros(50), result.micros(99), result.micros(99.9), result.maxMicros());
            return result;
        }
    }

    /**
     * Publishes {@code count} events on schedule from the next one; a progress line per second goes out
     * from another thread so this one allocates nothing. Returns the index after the last event.
     */
    private long pace(final Pipeline p, final long firstIndex, final LoadSchedule load, final long count, final String phase)
        throws InterruptedException
    {
        final long startNanos = System.nanoTime();
        final long startMillis = System.currentTimeMillis();
        final long[] sent = new long[1];
        // On a terminal the line is redrawn every second; in a log (CI) a plain line every five seconds.
        final boolean terminal = System.console() != null;
        final Thread progress = new Thread(() ->
        {
            try
            {
                while (!Thread.currentThread().isInterrupted())
                {
                    Thread.sleep(terminal ? 1_000 : 5_000);
                    System.err.printf(Locale.ROOT, terminal ? "\r%-8s %-8s %,12d / %,d events, backlog %,d   " :
                        "%-8s %-8s %,12d / %,d events, backlog %,d%n", p.name(), phase, sent[0], count,
                        firstIndex + sent[0] - p.processed());
                }
            }
            catch (final InterruptedException ignored)
            {
                // done
            }
        }, "harness-progress");
        progress.setDaemon(true);
        progress.start();
        for (long i = 0; i < count; i++)
        {
            final long planned = startNanos + load.plannedOffsetNanos(i);
            while (System.nanoTime() < planned)
            {
                Thread.onSpinWait();
            }
            if (recordLateness)
            {
                lateness.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - planned));
            }
            p.publish(firstIndex + i, planned, startMillis + (planned - startNanos) / 1_000_000);
            sent[0] = i + 1;
        }
        progress.interrupt();
        progress.join();
        if (terminal)
        {
            System.err.print("\r" + " ".repeat(90) + "\r");
        }
        return firstIndex + count;
    }

    private double searchSustainableRate() throws Exception
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
        final TrialResult r = trial(new EnginePipeline(waitStrategy, !noJournal, journalDir, journalThread), LoadSchedule.steady(probeRate), 2, 3);
        final boolean ok = r.micros(99) <= budgetP99Micros && r.achievedRate >= 0.95 * probeRate;
        out.printf(Locale.ROOT, "  %,12.0f events/s: p99 %.2f µs, achieved %,.0f/s -> %s%n",
            probeRate, r.micros(99), r.achievedRate, ok ? "sustained" : "not sustained");
        return ok;
    }

    /** Waits until the pipeline has processed everything published so far. */
    static void awaitQuiet(final Pipeline p)
    {
        long last = -1;
        long unchangedSince = System.nanoTime();
        while (true)
        {
            final long now = p.processed();
            if (now == last && System.nanoTime() - unchangedSince > TimeUnit.MILLISECONDS.toNanos(200))
            {
                return;
            }
            if (now != last)
            {
                last = now;
                unchangedSince = System.nanoTime();
            }
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long allocated(final ThreadMXBean threads, final long[] ids)
    {
        long sum = 0;
        for (final long id : ids)
        {
            final long bytes = threads.getThreadAllocatedBytes(id);
            if (bytes > 0)
            {
                sum += bytes;
            }
        }
        return sum;
    }

    private static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
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

    static void deleteRecursively(final Path dir) throws IOException
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

}

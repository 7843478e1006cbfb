package dev.ringfence.tools.journal;

import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.tools.config.ConfigLoader;
import dev.ringfence.tools.config.RingfenceConfig;
import dev.ringfence.tools.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ringfence journal what-if DIR --set KEY=VALUE ... [--out FILE.html]}: the recorded day re-run twice
 * through the real engine and the paper broker, on virtual time, side by side: once with the limits the
 * journal recorded, once with the changes given. Both runs fill at the recorded quotes, so the difference
 * between them is the limits' alone.
 */
@Command(
    name = "what-if",
    mixinStandardHelpOptions = true,
    description = {
        "Re-runs a journal's day (its quotes, signals, deposits and withdrawals, operator commands) through the real engine and the paper broker twice: with the recorded configuration, and with the --set changes. Prints a short comparison (final equity, P/L, largest drawdown, trips, trades, the P/L difference) and, with --out, writes an HTML report with both runs side by side.",
        "Both runs use the paper broker (fills at the recorded quotes), so they differ by the limits alone; the recorded day itself is shown for reference.",
        "Exit codes: 0 done; 2 no journal, or a bad --set (the message names the key)."})
public final class JournalWhatIfCommand implements Callable<Integer>
{
    static final String REFERENCE = "recorded limits";
    static final String WHAT_IF = "what-if";

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--set", required = true, paramLabel = "KEY=VALUE",
        description = "A configuration change for the what-if run, e.g. --set risk.maxDrawdownPercent=10 (repeatable; any key of ringfence-reference.conf).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE.html", description = "Also write the side-by-side HTML report here.")
    Path out;

    @Override
    public Integer call()
    {
        final PrintStream console = System.out;
        final RunRecord reference;
        final RunRecord whatIf;
        final RecordedDay day;
        try (RecordedJournal recorded = RecordedJournal.open(dir))
        {
            day = RecordedDay.scan(recorded);
            final Map<String, Object> recordedConfig = day.config();
            final RingfenceConfig referenceConfig = new ConfigLoader().scenario(recordedConfig).load();
            final RingfenceConfig whatIfConfig;
            try
            {
                whatIfConfig = new ConfigLoader().scenario(recordedConfig).sets(sets).load();
            }
            catch (final IllegalArgumentException ex)
            {
                System.err.println("ringfence journal what-if: " + ex.getMessage());
                return 2;
            }
            reference = new RunRecord(REFERENCE, referenceConfig.symbols, referenceConfig.engine.currencyDigits);
            whatIf = new RunRecord(WHAT_IF, whatIfConfig.symbols, whatIfConfig.engine.currencyDigits);
            final ScenarioRunner a = runner(referenceConfig, reference);
            final ScenarioRunner b = runner(whatIfConfig, whatIf);
            a.start();
            b.start();
            day.replay(new Both(recorded.symbols, a, referenceConfig, b, whatIfConfig));
            a.finish(day.endT());
            b.finish(day.endT());
            reference.finish();
            whatIf.finish();
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence journal what-if: " + ex.getMessage());
            return 2;
        }
        summary(console, day, reference, whatIf);
        if (out != null)
        {
            final List<String> subtitle = List.of(
                dir.toAbsolutePath() + ": " + Instant.ofEpochMilli(day.firstMillis) + " to " + Instant.ofEpochMilli(day.lastMillis),
                String.format(Locale.ROOT, "%,d quotes, %,d signals, %d balance operations, %d operator commands re-run through the engine and " +
                    "the paper broker", day.ticks, day.signals, day.balanceOperations, day.operatorCommands),
                WHAT_IF + ": " + String.join(", ", sets) + "; " + REFERENCE + ": as journaled" +
                    (Double.isNaN(day.lastRecordedEquity) ? "" : "; the recorded day itself ended at equity " + reference.money(day.lastRecordedEquity)));
            try
            {
                Files.writeString(out, ReportPage.html("Ringfence what-if", subtitle, List.of(reference, whatIf)), StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                System.err.println("ringfence journal what-if: cannot write " + out + " (" + ex.getMessage() + "): choose another --out");
                return 2;
            }
            console.println("report: " + out);
        }
        return 0;
    }

    private static ScenarioRunner runner(final RingfenceConfig config, final RunRecord record)
    {
        final ScenarioRunner runner = new ScenarioRunner(config, record, null, record);
        record.watch(runner.engine());
        return runner;
    }

    private void summary(final PrintStream console, final RecordedDay day, final RunRecord a, final RunRecord b)
    {
        console.printf(Locale.ROOT, "what-if on %s: %s to %s, %,d quotes, %,d signals, %d balance operations, %d operator commands%n",
            dir, Instant.ofEpochMilli(day.firstMillis), Instant.ofEpochMilli(day.lastMillis), day.ticks, day.signals, day.balanceOperations,
            day.operatorCommands);
        if (day.damaged > 0 || day.badTicks > 0)
        {
            console.printf("left out: %d damaged entries, %d invalid quotes%n", day.damaged, day.badTicks);
        }
        final String format = "%-26s %-22s %s%n";
        console.printf(format, "", REFERENCE, WHAT_IF + " (" + String.join(", ", sets) + ")");
        console.printf(format, "final equity", a.money(a.lastEquity()), b.money(b.lastEquity()));
        console.printf(format, "P/L", ReportTables.signed(a, a.profit()), ReportTables.signed(b, b.profit()));
        console.printf(format, "largest drawdown", String.format(Locale.ROOT, "%.2f %%", a.maxDrawdown), String.format(Locale.ROOT, "%.2f %%", b.maxDrawdown));
        console.printf(format, "guard trips", trips(a), trips(b));
        console.printf(format, "trades executed", a.count(LifecycleEventType.TRADE_EXECUTED), b.count(LifecycleEventType.TRADE_EXECUTED));
        console.printf(format, "signals rejected", a.count(LifecycleEventType.SIGNAL_REJECTED), b.count(LifecycleEventType.SIGNAL_REJECTED));
        console.printf(format, "guard state at the end", a.guardStateAtEnd(), b.guardStateAtEnd());
        console.printf("P/L difference (%s minus %s): %s%n", WHAT_IF, REFERENCE, ReportTables.signed(b, b.profit() - a.profit()));
        if (!Double.isNaN(day.lastRecordedEquity))
        {
            console.printf("the recorded day itself ended at equity %s (the re-runs fill at the recorded quotes with the paper broker)%n",
                a.money(day.lastRecordedEquity));
        }
    }

    private static String trips(final RunRecord run)
    {
        return run.tripsByRule.isEmpty() ? "none" : run.tripsByRule.toString();
    }

    /** The day's inputs to both runs, in lockstep; symbols by name (a --set symbols=[...] may renumber them). */
    private static final class Both implements RecordedDay.Inputs
    {
        private final ScenarioRunner a;
        private final ScenarioRunner b;
        private final int[] idsA;
        private final int[] idsB;

        Both(final SymbolTable recorded, final ScenarioRunner a, final RingfenceConfig configA, final ScenarioRunner b,
            final RingfenceConfig configB)
        {
            this.a = a;
            this.b = b;
            this.idsA = ids(recorded, configA.symbols);
            this.idsB = ids(recorded, configB.symbols);
        }

        private static int[] ids(final SymbolTable recorded, final SymbolTable run)
        {
            final int[] ids = new int[recorded.size()];
            for (int i = 0; i < ids.length; i++)
            {
                ids[i] = run.idOf(recorded.name(i));
            }
            return ids;
        }

        private static int id(final int[] ids, final int recordedId)
        {
            return recordedId >= 0 && recordedId < ids.length ? ids[recordedId] : SymbolTable.UNKNOWN;
        }

        @Override
        public void account(final long t, final double balance, final double equity)
        {
            a.at(t);
            a.account(balance, equity);
            b.at(t);
            b.account(balance, equity);
        }

        @Override
        public void tick(final long t, final int symbolId, final double bid, final double ask)
        {
            final int inA = id(idsA, symbolId);
            final int inB = id(idsB, symbolId);
            if (inA != SymbolTable.UNKNOWN)
            {
                a.at(t);
                a.tick(inA, bid, ask);
            }
            if (inB != SymbolTable.UNKNOWN)
            {
                b.at(t);
                b.tick(inB, bid, ask);
            }
        }

        @Override
        public void signal(final long t, final InboundEvent s)
        {
            a.at(t);
            a.signal(s.signalId(), id(idsA, s.symbolId()), s.side(), s.volume(), s.stopLoss(), s.takeProfit(), s.ttlMillis());
            b.at(t);
            b.signal(s.signalId(), id(idsB, s.symbolId()), s.side(), s.volume(), s.stopLoss(), s.takeProfit(), s.ttlMillis());
        }

        @Override
        public void balance(final long t, final double amount)
        {
            a.at(t);
            a.balance(amount);
            b.at(t);
            b.balance(amount);
        }

        @Override
        public void admin(final long t, final AdminCommand command)
        {
            a.at(t);
            a.admin(command);
            b.at(t);
            b.admin(command);
        }
    }
}

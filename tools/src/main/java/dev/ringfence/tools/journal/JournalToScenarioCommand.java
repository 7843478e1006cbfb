package dev.ringfence.tools.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ringfence journal to-scenario DIR > day.jsonl}: a recorded day as a scenario file (SCENARIOS.md), to
 * edit or to run with {@code ringfence scenario day.jsonl --set ...}.
 */
@Command(
    name = "to-scenario",
    mixinStandardHelpOptions = true,
    description = {
        "Writes a journal's day as a scenario (JSON Lines, the format of `ringfence scenario`): the recorded configuration as config lines, then the quotes, signals, deposits and withdrawals, and operator commands, at their recorded times.",
        "The terminal's answers (account reports, fills, closes) are left out: the paper broker gives its own when the scenario runs. Run it with `ringfence scenario FILE --set KEY=VALUE` to try other limits."})
public final class JournalToScenarioCommand implements Callable<Integer>
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the scenario here instead of standard output.")
    Path out;

    @Override
    public Integer call()
    {
        try (RecordedJournal recorded = RecordedJournal.open(dir))
        {
            final RecordedDay day = RecordedDay.scan(recorded);
            try (Writer writer = out == null ?
                new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) :
                Files.newBufferedWriter(out, StandardCharsets.UTF_8))
            {
                write(day, writer);
                writer.flush();
            }
            catch (final IOException ex)
            {
                System.err.println("ringfence journal to-scenario: cannot write " + (out == null ? "standard output" : out) + " (" +
                    ex.getMessage() + "): choose another --out");
                return 2;
            }
            if (day.damaged > 0 || day.badTicks > 0)
            {
                System.err.printf("ringfence journal to-scenario: left out %d damaged entries and %d invalid quotes%n", day.damaged, day.badTicks);
            }
            return 0;
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence journal to-scenario: " + ex.getMessage());
            return 2;
        }
    }

    static void write(final RecordedDay day, final Writer writer) throws IOException
    {
        final Lines lines = new Lines(writer, day);
        writer.write("# A day recorded in the journal " + day.recorded.dir.toAbsolutePath() + ", from " + Instant.ofEpochMilli(day.firstMillis) +
            " to " + Instant.ofEpochMilli(day.lastMillis) + "\n");
        writer.write("# written by `ringfence journal to-scenario`: the recorded configuration, then the quotes, signals, balance\n");
        writer.write("# operations and operator commands. Try other limits with `ringfence scenario FILE --set risk.maxDrawdownPercent=10`.\n");
        for (final Map.Entry<String, Object> e : day.config().entrySet())
        {
            writer.write("{\"t\":0,\"type\":\"config\"," + JSON.writeValueAsString(e.getKey()) + ":" + JSON.writeValueAsString(e.getValue()) + "}\n");
        }
        try
        {
            day.replay(lines);
        }
        catch (final UncheckedIOException ex)
        {
            throw ex.getCause();
        }
        writer.write("{\"t\":" + day.endT() + ",\"type\":\"end\"}\n");
    }

    /** The day's inputs as scenario lines. */
    private static final class Lines implements RecordedDay.Inputs
    {
        private final Writer writer;
        private final RecordedDay day;
        private final StringBuilder line = new StringBuilder(160);

        Lines(final Writer writer, final RecordedDay day)
        {
            this.writer = writer;
            this.day = day;
        }

        @Override
        public void account(final long t, final double balance, final double equity)
        {
            begin(t, "account");
            number("balance", balance);
            number("equity", equity);
            end();
        }

        @Override
        public void tick(final long t, final int symbolId, final double bid, final double ask)
        {
            begin(t, "tick");
            text("symbol", day.recorded.symbols.name(symbolId));
            number("bid", bid);
            number("ask", ask);
            end();
        }

        @Override
        public void signal(final long t, final InboundEvent signal)
        {
            begin(t, "signal");
            text("id", signal.signalId());
            text("symbol", day.recorded.symbols.name(signal.symbolId()));
            text("side", signal.side().name());
            number("volume", signal.volume());
            if (signal.stopLoss() != 0)
            {
                number("sl", signal.stopLoss());
            }
            if (signal.takeProfit() != 0)
            {
                number("tp", signal.takeProfit());
            }
            if (signal.ttlMillis() > 0)
            {
                line.append(",\"ttlMillis\":").append(signal.ttlMillis());
            }
            end();
        }

        @Override
        public void balance(final long t, final double amount)
        {
            begin(t, "balance");
            number("amount", amount);
            end();
        }

        @Override
        public void admin(final long t, final AdminCommand command)
        {
            begin(t, "admin");
            text("command", command.name());
            end();
        }

        private void begin(final long t, final String type)
        {
            line.setLength(0);
            line.append("{\"t\":").append(t).append(",\"type\":\"").append(type).append('"');
        }

        private void text(final String name, final String value)
        {
            try
            {
                line.append(",\"").append(name).append("\":").append(JSON.writeValueAsString(value));
            }
            catch (final JsonProcessingException ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        /** Exactly the recorded double: the shortest decimal that reads back to it, never an exponent. */
        private void number(final String name, final double value)
        {
            line.append(",\"").append(name).append("\":");
            if (Double.isNaN(value))
            {
                line.append("NaN");
            }
            else if (Double.isInfinite(value))
            {
                line.append(value > 0 ? "Infinity" : "-Infinity");
            }
            else
            {
                line.append(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
            }
        }

        private void end()
        {
            line.append("}\n");
            try
            {
                writer.append(line);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}

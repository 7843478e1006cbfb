package dev.ringfence.tools.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.journal.JournalCommand;
import dev.ringfence.journal.JournalReader;
import dev.ringfence.tools.LifecycleJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ringfence journal dump DIR}: the journal's entries, readable or as JSON Lines. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
        "Prints a journal's inbound events (or, with --outputs, its lifecycle events and commands).",
        "Damaged entries are printed as DAMAGED lines with the reason; the exit code is then 1."})
public final class JournalDumpCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--type", paramLabel = "T", split = ",", description = "Only these types, e.g. ACCOUNT,SIGNAL or GUARD_TRIPPED,PLACE_ORDER.")
    String[] types;

    @Option(names = "--from", paramLabel = "TIME", description = "From this event time (ISO instant or epoch ms).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Up to this event time, inclusive.")
    String to;

    @Option(names = "--json", description = "JSON Lines instead of readable lines.")
    boolean json;

    @Option(names = "--outputs", description = "Dump the output journal (lifecycle events and order commands).")
    boolean outputs;

    @Override
    public Integer call()
    {
        final long fromMillis;
        final long toMillis;
        try
        {
            fromMillis = TimeArgument.parse("--from", from, Long.MIN_VALUE);
            toMillis = TimeArgument.parse("--to", to, Long.MAX_VALUE);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence journal dump: " + ex.getMessage());
            return 2;
        }
        final Set<String> wanted = types == null ? null : new HashSet<>(Arrays.asList(types));
        final PrintStream out = System.out;
        final long[] damaged = new long[1];
        try (RecordedJournal recorded = RecordedJournal.open(dir))
        {
            final InboundJson inboundJson = new InboundJson(recorded.symbols);
            final LifecycleJson lifecycleJson = new LifecycleJson(recorded.symbols, recorded.config.currencyDigits, 0);
            final JournalReader reader = recorded.journal.reader();
            if (!outputs)
            {
                reader.readInbound(new JournalReader.InboundVisitor()
                {
                    @Override
                    public void onEvent(final long index, final InboundEvent event)
                    {
                        if (selected(event.type().name(), event.timeMillis(), wanted, fromMillis, toMillis))
                        {
                            print(out, inboundJson.toJson(index, event));
                        }
                    }

                    @Override
                    public void onDamaged(final long index, final String problem)
                    {
                        damaged[0]++;
                        out.println("DAMAGED #" + Long.toHexString(index) + " " + problem);
                    }
                });
            }
            else
            {
                reader.readOutput(new JournalReader.OutputVisitor()
                {
                    @Override
                    public void onLifecycle(final long index, final LifecycleEvent event)
                    {
                        if (selected(event.type().name(), event.timeMillis(), wanted, fromMillis, toMillis))
                        {
                            final String body = lifecycleJson.toJson(event);
                            print(out, "{\"index\":" + index + "," + body.substring(1));
                        }
                    }

                    @Override
                    public void onCommand(final long index, final JournalCommand command)
                    {
                        if (selected(command.typeName(), command.timeMillis(), wanted, fromMillis, toMillis))
                        {
                            print(out, inboundJson.toJson(index, command));
                        }
                    }

                    @Override
                    public void onDamaged(final long index, final String problem)
                    {
                        damaged[0]++;
                        out.println("DAMAGED #" + Long.toHexString(index) + " " + problem);
                    }
                });
            }
            for (final String incomplete : reader.incompleteEntries())
            {
                damaged[0]++;
                out.println("INCOMPLETE " + incomplete);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence journal dump: " + ex.getMessage());
            return 2;
        }
        out.flush();
        return damaged[0] == 0 ? 0 : 1;
    }

    private static boolean selected(final String type, final long time, final Set<String> wanted, final long from, final long to)
    {
        return (wanted == null || wanted.contains(type)) && time >= from && time <= to;
    }

    /** JSON as is; readable: the time, the index, the type, then key=value pairs. */
    private void print(final PrintStream out, final String jsonLine)
    {
        if (json)
        {
            out.println(jsonLine);
            return;
        }
        out.println(Readable.line(jsonLine));
    }

    /** Turns one of our flat JSON objects into {@code time #index TYPE key=value ...}. */
    static final class Readable
    {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        static String line(final String json)
        {
            try
            {
                final JsonNode node = MAPPER.readTree(json);
                final StringBuilder b = new StringBuilder(160);
                b.append(Instant.ofEpochMilli(node.get("t").asLong())).append(" #")
                    .append(Long.toHexString(node.get("index").asLong())).append(' ')
                    .append(String.format("%-19s", node.get("type").asText()));
                node.fields().forEachRemaining(field ->
                {
                    final String name = field.getKey();
                    if (!name.equals("t") && !name.equals("index") && !name.equals("type"))
                    {
                        final String value = field.getValue().isTextual() ? field.getValue().asText().replace("\n", "; ") : field.getValue().toString();
                        b.append(' ').append(name).append('=').append(value);
                    }
                });
                return b.toString();
            }
            catch (final Exception ex)
            {
                return json;
            }
        }
    }
}

package dev.ringfence.tools.journal;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.journal.JournalReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ringfence journal report DIR --out FILE.html}: a bad day at a glance. Replays the journal and
 * samples the guard's own view (equity, peak, drawdown, the limits in force) after every account report,
 * marks trades, trips, flattens and re-arms, and writes one self-contained HTML file with zoomable charts.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Writes one self-contained HTML file: equity, peak and drawdown over time with the drawdown cap, equity floor and daily loss level drawn as lines, trades, trips, flattens and re-arms as markers (details on hover), zoom and pan over the whole period, a summary and the guard events.",
        "The charts are drawn with uPlot, inlined into the file: it opens offline and fetches nothing."})
public final class JournalReportCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Where to write the report.")
    Path out;

    @Override
    public Integer call()
    {
        final RunRecord run;
        try (RecordedJournal recorded = RecordedJournal.open(dir))
        {
            run = new RunRecord("recorded", recorded.symbols, recorded.config.currencyDigits);
            final DirectEngine engine = new DirectEngine(recorded.config, recorded.symbols, OrderCommands.DISCARD, run, () -> 0);
            engine.journalTo(run);
            run.watch(engine);
            recorded.journal.reader().readInbound(new JournalReader.InboundVisitor()
            {
                @Override
                public void onEvent(final long index, final InboundEvent event)
                {
                    engine.process(event);
                }

                @Override
                public void onDamaged(final long index, final String problem)
                {
                    run.damaged(index, problem);
                }
            });
            run.finish();
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence journal report: " + ex.getMessage());
            return 2;
        }
        final String page = ReportPage.html("Ringfence journal report", List.of(dir.toAbsolutePath().toString()), List.of(run));
        try
        {
            Files.writeString(out, page, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            System.err.println("ringfence journal report: cannot write " + out + " (" + ex.getMessage() + "): choose another --out");
            return 2;
        }
        System.out.printf("report: %s (%,d equity samples, %d markers)%n", out, run.samples, run.markers.size());
        return 0;
    }
}

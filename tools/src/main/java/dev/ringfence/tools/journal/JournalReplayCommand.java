package dev.ringfence.tools.journal;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.journal.Decisions;
import dev.ringfence.journal.JournalCommand;
import dev.ringfence.journal.JournalReader;
import dev.ringfence.tools.LifecycleJson;
import org.agrona.DirectBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ringfence journal replay DIR [--verify]}: feeds the recorded inputs through a fresh engine, with
 * the configuration the journal recorded; with {@code --verify}, every lifecycle event and command it
 * produces is compared with the recorded one, in order.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Replays a journal's inputs through a fresh engine and prints events replayed, events per second and the final state.",
        "With --verify, compares every produced lifecycle event and order command with the recorded ones and prints the number of divergences and the first one; exit code 1 on any divergence."})
public final class JournalReplayCommand implements Callable<Integer>
{
    private static final int PROGRESS_EVERY = 1 << 16;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--verify", description = "Compare the replayed decisions with the recorded outputs.")
    boolean verify;

    @Override
    public Integer call()
    {
        final PrintStream out = System.out;
        try (RecordedJournal recorded = RecordedJournal.open(dir))
        {
            final JournalReader reader = recorded.journal.reader();
            final LifecycleJson json = new LifecycleJson(recorded.symbols, recorded.config.currencyDigits, 0);
            final Verifier verifier = new Verifier(reader.outputCursor(), json, verify);
            final DirectEngine engine = new DirectEngine(recorded.config, recorded.symbols, verifier, verifier, () -> 0);
            final long total = reader.countInbound();
            final Progress progress = new Progress(total);
            final long[] damaged = new long[1];
            final long started = System.nanoTime();
            final long replayed = reader.readInbound(new JournalReader.InboundVisitor()
            {
                private long seen;

                @Override
                public void onEvent(final long index, final InboundEvent event)
                {
                    verifier.now = event.timeMillis();
                    engine.process(event);
                    if ((++seen & (PROGRESS_EVERY - 1)) == 0)
                    {
                        progress.show(seen);
                    }
                }

                @Override
                public void onDamaged(final long index, final String problem)
                {
                    damaged[0]++;
                    System.err.println("damaged inbound entry #" + Long.toHexString(index) + ": " + problem + " (not replayed)");
                }
            });
            final long nanos = System.nanoTime() - started;
            progress.done();
            if (verify)
            {
                verifier.finish();
            }
            final StatusBoard status = engine.status();
            out.printf("replayed %,d events in %,d ms: %,.0f events/s%n", replayed, nanos / 1_000_000, replayed * 1e9 / Math.max(1, nanos));
            out.printf("final state: guard %s, equity %.2f, peak %.2f, drawdown %.4f %%, %d open positions, %d orders in flight%n",
                status.guardState, status.equity, status.peak, status.drawdownPercent, status.openPositions,
                status.pendingOrders);
            if (damaged[0] > 0)
            {
                out.printf("damaged entries: %d (not replayed)%n", damaged[0]);
            }
            if (verify)
            {
                out.printf("outputs compared: %,d; divergences: %,d%n", verifier.compared, verifier.divergences);
                if (verifier.firstDivergence != null)
                {
                    out.println("first divergence: " + verifier.firstDivergence);
                }
                return verifier.divergences == 0 && damaged[0] == 0 ? 0 : 1;
            }
            return damaged[0] == 0 ? 0 : 1;
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("ringfence journal replay: " + ex.getMessage());
            return 2;
        }
    }

    /** Receives the replayed engine's outputs and compares them with the next recorded ones. */
    private static final class Verifier implements LifecycleEvents, OrderCommands
    {
        private final JournalReader.OutputCursor recordedOutputs;
        private final LifecycleJson json;
        private final boolean enabled;
        private final LifecycleEvent recordedEvent = new LifecycleEvent();
        private final JournalCommand recordedCommand = new JournalCommand();
        private final JournalCommand producedCommand = new JournalCommand();
        long now;
        long compared;
        long divergences;
        String firstDivergence;

        Verifier(final JournalReader.OutputCursor recordedOutputs, final LifecycleJson json, final boolean enabled)
        {
            this.recordedOutputs = recordedOutputs;
            this.json = json;
            this.enabled = enabled;
        }

        @Override
        public void onLifecycleEvent(final LifecycleEvent produced)
        {
            if (!enabled)
            {
                return;
            }
            compared++;
            final int kind = recordedOutputs.next(recordedEvent, recordedCommand);
            if (kind != JournalReader.OutputCursor.LIFECYCLE || !Decisions.same(produced, recordedEvent))
            {
                diverged("replay produced " + json.toJson(produced) + " where the journal has " + describe(kind));
            }
        }

        /** Compared with the recorded command by type and bytes: what the terminal would have been sent. */
        @Override
        public boolean send(final int type, final DirectBuffer buffer, final int offset, final int length)
        {
            if (!enabled)
            {
                return true;
            }
            compared++;
            producedCommand.wrap(type, now, buffer, offset, length);
            final int kind = recordedOutputs.next(recordedEvent, recordedCommand);
            if (kind != JournalReader.OutputCursor.COMMAND || !producedCommand.sameAs(recordedCommand))
            {
                diverged("replay produced " + producedCommand.typeName() + " " + producedCommand.clientOrderId() + " where the journal has " +
                    describe(kind));
            }
            return true;
        }

        /** Recorded outputs that the replay never produced are divergences too. */
        void finish()
        {
            while (true)
            {
                final int kind = recordedOutputs.next(recordedEvent, recordedCommand);
                if (kind == JournalReader.OutputCursor.END)
                {
                    return;
                }
                diverged("the journal has " + describe(kind) + " which the replay did not produce");
            }
        }

        private String describe(final int kind)
        {
            switch (kind)
            {
                case JournalReader.OutputCursor.LIFECYCLE:
                    return json.toJson(recordedEvent);
                case JournalReader.OutputCursor.COMMAND:
                    return recordedCommand.typeName() + " " + recordedCommand.clientOrderId();
                case JournalReader.OutputCursor.DAMAGED:
                    return "a damaged entry (" + recordedOutputs.problem() + ")";
                default:
                    return "nothing more";
            }
        }

        private void diverged(final String what)
        {
            divergences++;
            if (firstDivergence == null)
            {
                firstDivergence = what + " (at event time " + now + ")";
            }
        }
    }

    /** A progress bar on a terminal; silent when the output is not one (CI, pipes). */
    private static final class Progress
    {
        private final long total;
        private final boolean terminal = System.console() != null;

        Progress(final long total)
        {
            this.total = total;
        }

        void show(final long done)
        {
            if (!terminal || total == 0)
            {
                return;
            }
            final int width = 40;
            final int filled = (int)(width * done / total);
            System.err.printf("\r[%s%s] %,d / %,d events", "#".repeat(filled), " ".repeat(width - filled), done, total);
        }

        void done()
        {
            if (terminal && total > PROGRESS_EVERY)
            {
                System.err.print("\r" + " ".repeat(80) + "\r");
            }
        }
    }
}

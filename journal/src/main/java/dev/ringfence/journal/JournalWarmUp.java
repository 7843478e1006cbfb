package dev.ringfence.journal;

import dev.ringfence.engine.GateIdleWork;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundPorts;
import dev.ringfence.engine.event.ReturnCodes;
import dev.ringfence.engine.event.Side;
import dev.ringfence.engine.event.TradePermissions;
import org.agrona.IoUtil;
import org.agrona.collections.MutableInteger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Trains the JIT on the inbound journal's write path before the engine goes live.
 *
 * <p>HotSpot compiles a hot method with the branches its profile has seen taken; a branch first taken later
 * traps, the compiled code is thrown away, and the method runs interpreted until the compiler, on a core the
 * engine's threads need, has compiled it again. The journal's rarer branches are taken late in a live run: a
 * new 64 MiB chunk (about every 11 s at 100,000 events/s), a new index array (every 1,048,576 entries), the
 * pre-faulter reaching the end of the mapped chunk. The index entry written every 256 entries comes about 400
 * times a second at 100,000 events/s: it was compiled 18 s into a run. The journal is inlined into the business
 * thread's hot method, so each of them threw that whole method away.
 *
 * <p>Here a scratch journal in {@code DIR/warm-up}, with 64 KiB chunks, takes {@link #EVENTS} inbound events of
 * every type through the handler the ring uses (its idle work included), twice, each time in a layout of its own
 * ({@link Layout}): a new chunk dozens of times, index arrays filled, a new one begun, and 10,000 index entries,
 * in well under a second; then it is deleted. Chronicle warms its own chunk mapping the same way
 * ({@code MappedFile.warmup}). Nothing of it reaches the real journal, and a failure is reported and ends the
 * warm-up only: latency, never correctness, depends on it.
 */
public final class JournalWarmUp
{
    /** The scratch journal's directory, inside the journal's own; a leftover from a killed start is removed. */
    public static final String DIRECTORY = "warm-up";
    /** Off with -Dringfence.journal.warmUp=false. */
    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("ringfence.journal.warmUp", "true"));

    /**
     * Entries per layout: enough for every hot method to reach the optimizing compiler (15,000 calls and loops)
     * with the rare paths in.
     */
    static final int EVENTS = 40_000;
    /** The scratch journal's chunk: a new one every thousand entries or so. */
    static final long BLOCK_BYTES = 64L << 10;

    /**
     * The scratch journal's two index layouts, in this order. The first indexes every 256th entry, as live: its
     * scans between index entries are long, and the profile keeps them. The second indexes every 4th entry, so
     * the index path is called often enough to be compiled, with that profile in; on its own it compiled the scan
     * for short runs only, and the live journal threw that code away 3 s into its run.
     */
    enum Layout
    {
        /** The roll cycle's spacing (256), index arrays of 64: a new one every 16,384 entries. */
        LIVE_SPACING(64, 0),
        /** Every 4th entry, index arrays of 128: a new one every 512 entries; holds 128 x 128 x 4 = 65,536 entries. */
        DENSE_INDEX(128, 4);

        final int indexCount;
        /** 0: the roll cycle's own. */
        final int indexSpacing;

        Layout(final int indexCount, final int indexSpacing)
        {
            this.indexCount = indexCount;
            this.indexSpacing = indexSpacing;
        }
    }

    /** Events per batch the handler is told of, and per quiet moment. */
    private static final int BATCH = 8;
    private static final int QUIET_EVERY = 1_024;

    private JournalWarmUp()
    {
    }

    /** What a warm-up wrote: {@code entries} inbound entries over {@code bytes} of queue file (0 and 0: none). */
    public static final class Result
    {
        static final Result NONE = new Result(0, 0);

        private final int entries;
        private final long bytes;

        Result(final int entries, final long bytes)
        {
            this.entries = entries;
            this.bytes = bytes;
        }

        public int entries()
        {
            return entries;
        }

        public long bytes()
        {
            return bytes;
        }
    }

    /**
     * Runs the warm-up beside the journal in {@code journalDir}; returns what it wrote, {@link Result#NONE} when
     * switched off or when it failed (said on {@code log}).
     */
    public static Result run(final Path journalDir, final PrintStream log)
    {
        return run(journalDir, log, JournalFaults.NONE);
    }

    /** {@link #run(Path, PrintStream)} on a scratch file store that fails when {@code faults} says so (tests). */
    static Result run(final Path journalDir, final PrintStream log, final JournalFaults faults)
    {
        if (!ENABLED)
        {
            return Result.NONE;
        }
        final Path scratch = journalDir.resolve(DIRECTORY);
        final long started = System.nanoTime();
        final MutableInteger written = new MutableInteger();
        long bytes = 0;
        try
        {
            for (final Layout layout : Layout.values())
            {
                IoUtil.delete(scratch.toFile(), false);
                bytes += write(scratch, layout, faults, written);
            }
        }
        catch (final Exception | InternalError ex)
        {
            final String why = ex.getMessage() != null ? ex.getMessage() : ex.toString();
            log.println("journal: the JIT warm-up stopped after " + written.get() + " entries (" + why + "); the " +
                "engine starts anyway, and its first chunk changes may be slower");
            return Result.NONE;
        }
        finally
        {
            removeQuietly(scratch, log);
        }
        log.printf("journal: JIT warm-up, %,d entries over %,d chunks of two scratch journals in %d ms%n", written.get(),
            bytes / BLOCK_BYTES, (System.nanoTime() - started) / 1_000_000);
        return new Result(written.get(), bytes);
    }

    /**
     * {@link #EVENTS} entries into a new scratch journal in {@code layout}, each counted in {@code written};
     * returns its inbound queue's file bytes.
     */
    private static long write(final Path scratch, final Layout layout, final JournalFaults faults,
        final MutableInteger written) throws IOException
    {
        // What the scratch journal would say of itself (its health, its pre-faulter) is not the real journal's:
        // kept apart, and the first of it names a failure.
        final ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (Journal journal = Journal.scratch(scratch, BLOCK_BYTES, layout.indexCount, layout.indexSpacing, faults,
            new PrintStream(said, true, StandardCharsets.UTF_8)))
        {
            final Journal.InboundHandler handler = new Journal.InboundHandler(journal);
            final InboundEntry entry = new InboundEntry();
            final long epochMillis = System.currentTimeMillis();
            for (int index = 0; index < EVENTS; )
            {
                publish(entry.ports(), index, epochMillis + index);
                handler.onEvent(entry.event(), index, (index + 1) % BATCH == 0);
                if (entry.event().notJournaled())
                {
                    throw new IllegalStateException("the scratch journal could not write: " + firstLine(said));
                }
                index++;
                written.increment();
                idleWork(handler, index);
            }
        }
        return queueFileBytes(scratch.resolve(Journal.INBOUND));
    }

    private static long queueFileBytes(final Path queueDir) throws IOException
    {
        try (Stream<Path> files = Files.list(queueDir))
        {
            long total = 0;
            for (final Path file : (Iterable<Path>)files.filter(f -> f.toString().endsWith(".cq4"))::iterator)
            {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** After {@code written} entries: the idle work the ring's gate would do. */
    private static void idleWork(final GateIdleWork handler, final int written)
    {
        if (written % BATCH == 0)
        {
            handler.afterBatch();
        }
        if (written % QUIET_EVERY == 0)
        {
            handler.quiet();
        }
    }

    private static String firstLine(final ByteArrayOutputStream said)
    {
        final String text = said.toString(StandardCharsets.UTF_8).strip();
        final int end = text.indexOf('\n');
        return text.isEmpty() ? "no reason given" : end < 0 ? text : text.substring(0, end);
    }

    /**
     * Event {@code index} of the warm-up: mostly ticks and account reports, as live; every sixteenth one of the
     * other types in turn, so the codec's every case is compiled in.
     */
    static void publish(final InboundPorts ports, final int index, final long timeMillis)
    {
        if (index % 16 != 15)
        {
            if ((index & 1) == 0)
            {
                ports.terminalReports().tick(timeMillis, 0, 1.1 + index * 1e-7, 1.1002 + index * 1e-7);
            }
            else
            {
                ports.terminalReports().account(timeMillis, 7, 10_000, 10_000 - index % 100, 100, 9_900, true, timeMillis, 0,
                    TradePermissions.ALL);
            }
            return;
        }
        switch ((index / 16) % 13)
        {
            case 0:
                ports.signals().signal(timeMillis, "warm-up", 0, Side.BUY, 0.1, 1.09, 1.11, 0, timeMillis);
                break;
            case 1:
                ports.terminalReports().positionsBegin(timeMillis, 1);
                break;
            case 2:
                ports.terminalReports().position(timeMillis, index, 0, Side.SELL, 0.1, 1.1, 0, 0);
                break;
            case 3:
                ports.terminalReports().orderResult(timeMillis, index, ReturnCodes.DONE, index, 1.1, 0.1, 0);
                break;
            case 4:
                ports.terminalReports().positionClosed(timeMillis, index, -1, CloseReason.STOP_LOSS, 0.1, 0);
                break;
            case 5:
                ports.timerTicks().timer(timeMillis);
                break;
            case 6:
                ports.operatorCommands().admin(timeMillis, AdminCommand.FLATTEN, "warm-up", index);
                break;
            case 7:
                ports.terminalReports().terminalStatus(timeMillis, true, true);
                break;
            case 8:
                ports.terminalReports().balanceOperation(timeMillis, 100, index);
                break;
            case 9:
                ports.engineInputs().config(timeMillis, "warm-up");
                break;
            case 10:
                ports.engineInputs().journalGap(timeMillis, 1);
                break;
            case 11:
                ports.terminalReports().symbolSpec(timeMillis, 0, 100_000, 0.01, 0.01, 100, 5, 3);
                break;
            default:
                ports.terminalReports().symbolRefused(timeMillis, 0);
                break;
        }
    }

    private static void removeQuietly(final Path scratch, final PrintStream log)
    {
        try
        {
            IoUtil.delete(scratch.toFile(), false);
        }
        catch (final Exception ex) // IoUtil rethrows an IOException unchecked
        {
            log.println("journal: cannot remove the warm-up's scratch journal " + scratch + " (" + ex + "); the next start removes it");
        }
    }
}

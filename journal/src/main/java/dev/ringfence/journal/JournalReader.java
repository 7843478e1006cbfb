package dev.ringfence.journal;

import dev.ringfence.engine.command.SymbolNames;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.engine.event.LifecycleEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wires;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a journal from the start. Damaged entries are reported to the visitor with their index and the
 * reason, and reading goes on: nothing is silently skipped, and one bad entry is not fatal.
 */
public final class JournalReader
{
    private final Path directory;
    private final ChronicleQueue inbound;
    private final ChronicleQueue outbound;
    /** Names the symbol ids of version 1 to 3 commands; built when the first one is read. */
    private final Supplier<SymbolNames> recordedSymbols = this::recordedSymbols;
    private SymbolNames symbolNames;

    JournalReader(final Path directory, final ChronicleQueue inbound, final ChronicleQueue outbound)
    {
        this.directory = directory;
        this.inbound = inbound;
        this.outbound = outbound;
    }

    /** What a reader of the inbound journal is told. */
    public interface InboundVisitor
    {
        void onEvent(long index, InboundEvent event);

        void onDamaged(long index, String problem);
    }

    /** What a reader of the output journal is told. */
    public interface OutputVisitor
    {
        void onLifecycle(long index, LifecycleEvent event);

        void onCommand(long index, JournalCommand command);

        void onDamaged(long index, String problem);
    }

    /** Visits every inbound entry in order; returns how many were read (damaged ones included). */
    public long readInbound(final InboundVisitor visitor)
    {
        final InboundEntry entry = new InboundEntry();
        final ExcerptTailer tailer = inbound.createTailer();
        long count = 0;
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                count++;
                final Bytes<?> bytes = dc.wire().bytes();
                try
                {
                    JournalCodec.readInbound(bytes, entry);
                }
                catch (final JournalFormatException ex)
                {
                    visitor.onDamaged(dc.index(), ex.getMessage());
                    continue;
                }
                visitor.onEvent(dc.index(), entry.event());
            }
        }
        return count;
    }

    /** Visits every output entry in order; returns how many were read (damaged ones included). */
    public long readOutput(final OutputVisitor visitor)
    {
        final LifecycleEvent lifecycle = new LifecycleEvent();
        final JournalCommand command = new JournalCommand();
        final OutputCursor cursor = outputCursor();
        long count = 0;
        while (true)
        {
            final int kind = cursor.next(lifecycle, command);
            if (kind == OutputCursor.END)
            {
                return count;
            }
            count++;
            if (kind == OutputCursor.LIFECYCLE)
            {
                visitor.onLifecycle(cursor.index(), lifecycle);
            }
            else if (kind == OutputCursor.COMMAND)
            {
                visitor.onCommand(cursor.index(), command);
            }
            else
            {
                visitor.onDamaged(cursor.index(), cursor.problem());
            }
        }
    }

    /** Steps through the output journal one entry at a time (replay verification pulls them as it goes). */
    public OutputCursor outputCursor()
    {
        return new OutputCursor(outbound.createTailer(), recordedSymbols);
    }

    /** The configuration the journal recorded first, the one its history was made with; the defaults when it recorded none. */
    public EngineConfig recordedConfig()
    {
        final String recorded = firstConfig();
        return recorded == null ? new EngineConfig() : EngineConfig.parse(recorded);
    }

    /**
     * The symbols of the configuration the journal recorded first (the default ones when it recorded none), which
     * the journal tools name its symbol ids by: version 1 to 3 commands carried ids, not names.
     */
    private SymbolNames recordedSymbols()
    {
        if (symbolNames == null)
        {
            symbolNames = new SymbolNames(new SymbolTable(recordedConfig().symbols));
        }
        return symbolNames;
    }

    /** A position in the output journal. */
    public static final class OutputCursor
    {
        public static final int END = 0;
        public static final int LIFECYCLE = 1;
        public static final int COMMAND = 2;
        public static final int DAMAGED = 3;

        private final ExcerptTailer tailer;
        private final Supplier<SymbolNames> recordedSymbols;
        private long index;
        private String problem;

        OutputCursor(final ExcerptTailer tailer, final Supplier<SymbolNames> recordedSymbols)
        {
            this.tailer = tailer;
            this.recordedSymbols = recordedSymbols;
        }

        /** Reads the next entry into one of the two holders; returns which, or {@link #END} or {@link #DAMAGED}. */
        public int next(final LifecycleEvent lifecycle, final JournalCommand command)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return END;
                }
                index = dc.index();
                final Bytes<?> bytes = dc.wire().bytes();
                try
                {
                    if (JournalCodec.peekKind(bytes) == JournalCodec.KIND_COMMAND)
                    {
                        JournalCodec.readCommand(bytes, command, recordedSymbols);
                        return COMMAND;
                    }
                    JournalCodec.readLifecycle(bytes, lifecycle);
                    return LIFECYCLE;
                }
                catch (final JournalFormatException ex)
                {
                    problem = ex.getMessage();
                    return DAMAGED;
                }
            }
        }

        public long index()
        {
            return index;
        }

        public String problem()
        {
            return problem;
        }
    }

    /** How many inbound entries the journal holds (for progress), without decoding them. */
    public long countInbound()
    {
        return count(inbound);
    }

    /** How many output entries the journal holds, without decoding them. */
    public long countOutput()
    {
        return count(outbound);
    }

    private static long count(final ChronicleQueue queue)
    {
        final ExcerptTailer tailer = queue.createTailer();
        long count = 0;
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return count;
                }
                count++;
            }
        }
    }

    /** The first configuration the journal recorded (what its history was made with), or null. */
    String firstConfig()
    {
        final InboundEntry entry = new InboundEntry();
        final InboundEvent event = entry.event();
        final ExcerptTailer tailer = inbound.createTailer();
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return null;
                }
                try
                {
                    JournalCodec.readInbound(dc.wire().bytes(), entry);
                }
                catch (final JournalFormatException ex)
                {
                    continue;
                }
                if (event.type() == InboundEventType.CONFIG)
                {
                    return event.configText();
                }
            }
        }
    }

    /**
     * Entries whose write never completed (a crash of the machine mid-write leaves a header marked
     * not-complete), found by walking each cycle file's document headers. Chronicle's readers stop
     * quietly at such an entry; this makes it visible. Call before appending to the journal again.
     */
    public List<String> incompleteEntries()
    {
        final List<String> found = new ArrayList<>();
        for (final String queue : List.of(Journal.INBOUND, Journal.OUTBOUND))
        {
            for (final Path file : cycleFiles(directory.resolve(queue)))
            {
                scan(file, found);
            }
        }
        return found;
    }

    private static List<Path> cycleFiles(final Path queueDir)
    {
        if (!Files.isDirectory(queueDir))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(queueDir))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void scan(final Path file, final List<String> found)
    {
        try (FileChannel channel = FileChannel.open(file))
        {
            final long size = channel.size();
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE));
            final ByteBuffer buffer = mapped.order(ByteOrder.LITTLE_ENDIAN);
            int position = 0;
            while (position + 4 <= buffer.limit())
            {
                final int header = buffer.getInt(position);
                if (header == 0 || Wires.isEndOfFile(header))
                {
                    return;
                }
                if (Wires.isNotComplete(header))
                {
                    found.add(file.getFileName() + " at byte " + position + ": an entry whose write never completed");
                    return;
                }
                final int length = Wires.lengthOf(header);
                position = (position + 4 + length + 3) & ~3;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

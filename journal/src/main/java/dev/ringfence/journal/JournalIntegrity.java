package dev.ringfence.journal;

import net.openhft.chronicle.wire.Wires;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a journal's files structurally, with plain file reads, before Chronicle Queue opens them: Chronicle
 * waits (10 s, then a stack trace or an {@code InternalError}) on a header it cannot read, and reads a cut
 * file quietly up to the cut. Found here, damage is a clear refusal instead.
 *
 * <p>A queue file is damaged when it is empty, zeroed or starts without a queue header; when an entry runs
 * past its end or the file ends where more entries or the zeroed tail of a preallocated file should be
 * (Chronicle files always extend beyond their data, so a cut file ends too early); or when an entry whose
 * write never completed is followed by more data. An incomplete last entry is a crash mid-write: the event
 * never reached the business logic (the journal gates it), so it is reported, not damage.
 */
public final class JournalIntegrity
{
    private final List<String> damage = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private long inboundEntries;
    private boolean hasFiles;

    private JournalIntegrity()
    {
    }

    /** Checks the journal in {@code directory} (a missing or empty directory is a new journal, not damage). */
    public static JournalIntegrity check(final Path directory)
    {
        final JournalIntegrity integrity = new JournalIntegrity();
        for (final String queue : List.of(Journal.INBOUND, Journal.OUTBOUND))
        {
            final Path queueDir = directory.resolve(queue);
            for (final Path file : files(queueDir, ".cq4"))
            {
                integrity.hasFiles = true;
                final long entries = integrity.scanQueueFile(queue, file);
                if (queue.equals(Journal.INBOUND))
                {
                    integrity.inboundEntries += entries;
                }
            }
            for (final Path file : files(queueDir, ".cq4t"))
            {
                integrity.scanTableStore(queue, file);
            }
        }
        return integrity;
    }

    /** What is damaged, each for the operator; empty when the journal can be read to its end. */
    public List<String> damage()
    {
        return Collections.unmodifiableList(damage);
    }

    public boolean isDamaged()
    {
        return !damage.isEmpty();
    }

    /** What is worth reporting but loses nothing the business logic saw (an incomplete last entry). */
    public List<String> warnings()
    {
        return Collections.unmodifiableList(warnings);
    }

    /** Complete data entries the inbound queue files hold (what a replay must read). */
    public long inboundEntries()
    {
        return inboundEntries;
    }

    /** True when the directory holds queue files: a journal existed here. */
    public boolean hasFiles()
    {
        return hasFiles;
    }

    private long scanQueueFile(final String queue, final Path file)
    {
        final String name = queue + "/" + file.getFileName();
        try (FileChannel channel = FileChannel.open(file))
        {
            final long size = channel.size();
            if (size == 0)
            {
                damage.add(name + " is empty (0 bytes)");
                return 0;
            }
            final ByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE))
                .order(ByteOrder.LITTLE_ENDIAN);
            final int limit = buffer.limit();
            final int first = limit >= 4 ? buffer.getInt(0) : 0;
            if (first == 0)
            {
                damage.add(name + " has no queue header (the file is zeroed)");
                return 0;
            }
            if (!Wires.isReadyMetaData(first) || Wires.lengthOf(first) == 0 || Wires.lengthOf(first) + 4 > limit ||
                !startsWithHeaderField(buffer))
            {
                damage.add(name + " does not start with a queue header (0x" + Integer.toHexString(first) + ")");
                return 0;
            }
            long entries = 0;
            int position = 0;
            while (true)
            {
                if (position + 4 > limit)
                {
                    damage.add(name + " is cut short: it ends at byte " + size + " where more entries or the file's empty tail should follow");
                    return entries;
                }
                final int header = buffer.getInt(position);
                if (header == 0 || Wires.isEndOfFile(header))
                {
                    return entries;
                }
                final int length = Wires.lengthOf(header);
                final int next = (int)((position + 4L + length + 3) & ~3L);
                if (Wires.isNotComplete(header))
                {
                    if (length != 0 && next + 4 <= limit && buffer.getInt(next) != 0)
                    {
                        damage.add(name + " at byte " + position + ": an incomplete entry followed by more data");
                    }
                    else
                    {
                        warnings.add(name + " at byte " + position + ": an entry whose write never completed (a crash mid-write; " +
                            "the event had not reached the business logic)");
                    }
                    return entries;
                }
                if (position + 4L + length > limit)
                {
                    damage.add(name + " is cut short: the entry at byte " + position + " (" + length +
                        " bytes) runs past the end of the file (" + size + " bytes)");
                    return entries;
                }
                if (!Wires.isReadyMetaData(header))
                {
                    entries++;
                }
                position = next;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            damage.add(name + " cannot be read: " + JournalHealth.describe(ex));
            return 0;
        }
    }

    private void scanTableStore(final String queue, final Path file)
    {
        final String name = queue + "/" + file.getFileName();
        try (FileChannel channel = FileChannel.open(file))
        {
            final long size = channel.size();
            final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            if (size < 4 || channel.read(header, 0) < 4)
            {
                damage.add(name + " is empty (" + size + " bytes)");
                return;
            }
            final int first = header.getInt(0);
            final ByteBuffer start = ByteBuffer.allocate(4 + HEADER_FIELD.length);
            channel.read(start, 0);
            if (first == 0 || !Wires.isReadyMetaData(first) || !startsWithHeaderField(start))
            {
                damage.add(name + " does not start with a queue header (0x" + Integer.toHexString(first) + ")");
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            damage.add(name + " cannot be read: " + JournalHealth.describe(ex));
        }
    }

    /** Every Chronicle file's first document opens with its binary-wire field {@code header}. */
    private static final byte[] HEADER_FIELD = {(byte)0xB9, 6, 'h', 'e', 'a', 'd', 'e', 'r'};

    private static boolean startsWithHeaderField(final ByteBuffer buffer)
    {
        if (buffer.limit() < 4 + HEADER_FIELD.length)
        {
            return false;
        }
        for (int i = 0; i < HEADER_FIELD.length; i++)
        {
            if (buffer.get(4 + i) != HEADER_FIELD[i])
            {
                return false;
            }
        }
        return true;
    }

    private static List<Path> files(final Path queueDir, final String suffix)
    {
        if (!Files.isDirectory(queueDir))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(queueDir))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }
}

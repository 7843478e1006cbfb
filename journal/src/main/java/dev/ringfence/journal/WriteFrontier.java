package dev.ringfence.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytesStore;

import java.util.concurrent.locks.StampedLock;

/**
 * Where one appender writes in its memory-mapped queue file, for the {@link JournalPrefaulter} to work ahead of.
 *
 * <p>Thread ownership: {@link #wrote} is called by the appender's one writer thread (the business thread, or
 * the journal's own thread), after each entry; {@link #read} by the pre-faulter's thread. The writer publishes
 * at most once per {@link #STEP_BYTES} written and when its mapped chunk changes, so the common append costs
 * two comparisons and never blocks: readers only read optimistically, so the writer's {@code tryWriteLock}
 * always succeeds.
 */
final class WriteFrontier
{
    /** How far the write position moves between two publications. */
    static final long STEP_BYTES = 64 << 10;

    private final StampedLock lock = new StampedLock();
    /** The native address of the write position, and the end of the mapped chunk it is in: guarded by lock. */
    private long address;
    private long limitAddress;

    // Writer thread only.
    private BytesStore<?, ?> lastStore;
    private long nextPublishPosition;

    /** After an entry is written into {@code bytes} (a queue's memory-mapped bytes); allocates nothing. */
    void wrote(final Bytes<?> bytes)
    {
        final long position = bytes.writePosition();
        final BytesStore<?, ?> store = bytes.bytesStore();
        if (store == lastStore && position < nextPublishPosition)
        {
            return;
        }
        if (!(store instanceof MappedBytesStore))
        {
            return;
        }
        final MappedBytesStore mapped = (MappedBytesStore)store;
        final long limit = mapped.safeLimit();
        if (position < mapped.start() || position >= limit)
        {
            return; // the next entry opens the next chunk; it is published then
        }
        final long writeAddress = mapped.addressForWrite(position);
        publish(writeAddress, writeAddress + (limit - position));
        lastStore = store;
        nextPublishPosition = position + STEP_BYTES;
    }

    /** The writer is at {@code writeAddress}, in a mapping that ends at {@code limitAddress}; writer thread. */
    void publish(final long writeAddress, final long limitAddress)
    {
        final long stamp = lock.tryWriteLock();
        if (stamp == 0L)
        {
            return; // cannot happen with optimistic readers only; never wait on the writer's thread
        }
        this.address = writeAddress;
        this.limitAddress = limitAddress;
        lock.unlockWrite(stamp);
    }

    /**
     * Copies the last publication into {@code into} ({@code [0]} the write address, {@code [1]} the end of its
     * mapping); false when nothing consistent was published yet, or a publication was under way.
     */
    boolean read(final long[] into)
    {
        final long stamp = lock.tryOptimisticRead();
        final long readAddress = address;
        final long readLimit = limitAddress;
        if (stamp == 0L || !lock.validate(stamp) || readAddress == 0L)
        {
            return false;
        }
        into[0] = readAddress;
        into[1] = readLimit;
        return true;
    }
}

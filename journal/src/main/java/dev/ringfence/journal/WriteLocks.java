package dev.ringfence.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.TableStoreWriteLock;

import java.lang.reflect.Method;

/**
 * Releases a queue's write lock that a failed write left behind. A full disk faults a memory-mapped page
 * with an {@code InternalError} inside Chronicle's append, after it took the queue's write lock and before
 * it could release it; the next appender then waits for that lock for ever (the hang at shutdown and at the
 * next write). Called only by a queue's one writing thread, right after its own write failed: whatever
 * holds the lock then is that failed write.
 */
final class WriteLocks
{
    private static final Method WRITE_LOCK = writeLockMethod();

    private WriteLocks()
    {
    }

    static void releaseAfterFailedWrite(final ChronicleQueue queue)
    {
        if (WRITE_LOCK == null || !(queue instanceof SingleChronicleQueue))
        {
            return;
        }
        try
        {
            final Object lock = WRITE_LOCK.invoke(queue);
            if (lock instanceof TableStoreWriteLock && ((TableStoreWriteLock)lock).locked())
            {
                ((TableStoreWriteLock)lock).unlock();
            }
        }
        catch (final ReflectiveOperationException | RuntimeException | InternalError ignored)
        {
            // the disk is still failing; the next attempt tries again
        }
    }

    private static Method writeLockMethod()
    {
        try
        {
            final Method method = SingleChronicleQueue.class.getDeclaredMethod("writeLock");
            method.setAccessible(true);
            return method;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return null;
        }
    }
}

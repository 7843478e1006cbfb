package dev.ringfence.benchmarks.latency;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The machine's hop between two cores as it is at the moment: two threads pass one cache line back and forth,
 * each spinning until the other has written; half a round trip is what one event's hand-over between the publisher
 * and the business thread costs at the least (one line's transfer). A virtual machine's host may move its CPUs: on the
 * 2-core machine this harness was tuned on, the round trip was either about 60 ns (the two CPUs sharing a core) or
 * about 350 ns, changing every few seconds to minutes, and the engine's and the limit's medians move with it. The
 * harness measures it before each pipeline starts and after it is closed, so that two runs can be compared knowing
 * which machine each had.
 */
final class CoreHop
{
    /** A reading that could not be taken: the other thread did not answer in time (fewer than two CPUs free). */
    static final double NOT_MEASURED = Double.NaN;

    private static final int WARM_UP_ROUND_TRIPS = 200_000;
    private static final int MEASURED_ROUND_TRIPS = 200_000;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** The ball sits alone in the middle of the array: 64 bytes on either side hold nothing else that is written. */
    private static final int BALL = 16;
    private static final int SLOTS = 2 * BALL;
    private static final long GIVEN_UP = -1;

    private CoreHop()
    {
    }

    /**
     * Nanoseconds per round trip between this thread and a new one, measured now (about 20-150 ms on a machine with
     * two free CPUs), or {@link #NOT_MEASURED} after 2 s.
     */
    static double roundTripNanos() throws InterruptedException
    {
        return roundTripNanos(GIVE_UP_NANOS);
    }

    static double roundTripNanos(final long giveUpNanos) throws InterruptedException
    {
        final AtomicLongArray line = new AtomicLongArray(SLOTS);
        final int total = WARM_UP_ROUND_TRIPS + MEASURED_ROUND_TRIPS;
        final Thread responder = new Thread(() -> answer(line, total), "core-hop");
        responder.setDaemon(true);
        responder.start();
        final long deadline = System.nanoTime() + giveUpNanos;
        double nanos = NOT_MEASURED;
        try
        {
            if (serve(line, 0, WARM_UP_ROUND_TRIPS, deadline))
            {
                final long started = System.nanoTime();
                if (serve(line, WARM_UP_ROUND_TRIPS, MEASURED_ROUND_TRIPS, deadline))
                {
                    nanos = (System.nanoTime() - started) / (double)MEASURED_ROUND_TRIPS;
                }
            }
        }
        finally
        {
            if (Double.isNaN(nanos))
            {
                line.set(BALL, GIVEN_UP); // whatever ended the measurement, the responder stops spinning
            }
        }
        responder.join();
        return nanos;
    }

    /** Throws the ball {@code count} times from round trip {@code first}; false past the deadline (the caller tells the responder). */
    private static boolean serve(final AtomicLongArray line, final int first, final int count, final long deadline)
    {
        for (long trip = first; trip < first + count; trip++)
        {
            if ((trip & 0x3FF) == 0 && System.nanoTime() - deadline > 0)
            {
                return false; // slow round trips, each too short for the check below
            }
            line.set(BALL, 2 * trip + 1);
            long spins = 0;
            while (line.get(BALL) != 2 * trip + 2)
            {
                if ((++spins & 0xFFFF) == 0 && System.nanoTime() - deadline > 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sends each ball back, until {@code count} round trips or the server gives up (never over its give-up). */
    private static void answer(final AtomicLongArray line, final int count)
    {
        for (long trip = 0; trip < count; trip++)
        {
            long ball;
            while ((ball = line.get(BALL)) != 2 * trip + 1)
            {
                if (ball == GIVEN_UP)
                {
                    return;
                }
            }
            if (!line.compareAndSet(BALL, ball, 2 * trip + 2))
            {
                return; // the server gave up in between
            }
        }
    }
}

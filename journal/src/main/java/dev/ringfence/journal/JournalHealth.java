package dev.ringfence.journal;

import java.io.PrintStream;

/**
 * Whether the journal can write, for the operator's view ({@code /health}) and the start-up report. Each
 * queue has one writing thread (inbound: the journal gate; outbound: the business thread), and each
 * writes only its own field; any thread reads. A change is reported in one line, never one per event.
 */
public final class JournalHealth
{
    private final PrintStream log;
    private volatile String inboundFailure;
    private volatile String outboundFailure;

    JournalHealth(final PrintStream log)
    {
        this.log = log;
    }

    /** Null while both queues write; otherwise what failed, for the operator. */
    public String problem()
    {
        final String inbound = inboundFailure;
        if (inbound != null)
        {
            return "the journal cannot record inputs (" + inbound + "): new entries are denied";
        }
        final String outbound = outboundFailure;
        return outbound == null ? null : "the journal cannot record decisions (" + outbound + ")";
    }

    public boolean isHealthy()
    {
        return inboundFailure == null && outboundFailure == null;
    }

    void inbound(final String failure, final String directory)
    {
        inboundFailure = changed(inboundFailure, failure, directory + "/" + Journal.INBOUND,
            "new entries are denied; guarding and flattening go on");
    }

    void outbound(final String failure, final String directory)
    {
        outboundFailure = changed(outboundFailure, failure, directory + "/" + Journal.OUTBOUND,
            "decisions are still carried out");
    }

    private String changed(final String before, final String now, final String queue, final String consequence)
    {
        if (before == null && now != null)
        {
            log.println("journal: cannot write " + queue + " (" + now + "): " + consequence +
                " until it can; free disk space there, the journal retries by itself");
        }
        else if (before != null && now == null)
        {
            log.println("journal: writing " + queue + " again");
        }
        return now;
    }

    /** One line for a write failure: the cause without its stack. */
    static String describe(final Throwable failure)
    {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause)
        {
            cause = cause.getCause();
        }
        final String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

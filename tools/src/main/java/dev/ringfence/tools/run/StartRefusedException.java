package dev.ringfence.tools.run;

/**
 * The engine refuses to start, for a reason the operator must act on. The message says what happened
 * and what to do; it is printed as it is, without a stack trace.
 */
public final class StartRefusedException extends RuntimeException
{
    public StartRefusedException(final String message)
    {
        super(message, null, false, false);
    }
}

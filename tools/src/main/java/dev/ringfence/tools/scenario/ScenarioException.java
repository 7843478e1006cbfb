package dev.ringfence.tools.scenario;

/** A malformed scenario file; the message names the line and the problem. */
public final class ScenarioException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ScenarioException(final int line, final String problem)
    {
        super("line " + line + ": " + problem);
    }
}

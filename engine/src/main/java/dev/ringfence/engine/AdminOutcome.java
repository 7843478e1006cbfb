package dev.ringfence.engine;

import dev.ringfence.engine.event.GuardState;

/**
 * What the business thread made of one operator command: applied (with the state it left) or refused
 * (with the reason). Immutable, so publishing one reference publishes all of it to any reader.
 */
public final class AdminOutcome
{
    public final long commandId;
    /** Null when the command was applied; the engine's reason (e.g. {@code NOT_LOCKED}) when refused. */
    public final String refusal;
    public final GuardState guardState;
    public final boolean halted;
    public final double peak;
    public final double equity;

    public AdminOutcome(
        final long commandId,
        final String refusal,
        final GuardState guardState,
        final boolean halted,
        final double peak,
        final double equity)
    {
        this.commandId = commandId;
        this.refusal = refusal;
        this.guardState = guardState;
        this.halted = halted;
        this.peak = peak;
        this.equity = equity;
    }

    public boolean applied()
    {
        return refusal == null;
    }
}

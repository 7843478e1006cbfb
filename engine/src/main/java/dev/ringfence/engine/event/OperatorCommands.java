package dev.ringfence.engine.event;

/**
 * Operator commands: the port of the HTTP operator API and the Telegram commands, and of the process that owns
 * the engine for its own START and STOP. Returns {@code false}, without blocking, when the command was not
 * accepted (the ring is full): the caller answers so, and the command is not executed.
 */
public final class OperatorCommands
{
    /** The command id of a command no issuer follows up. */
    public static final long NO_COMMAND_ID = 0;

    private final InboundSlots slots;

    public OperatorCommands(final InboundSlots slots)
    {
        this.slots = slots;
    }

    /**
     * A command with its issuer's id (unique per issuer, never 0): the engine publishes this command's own
     * outcome under it on the {@code StatusBoard}.
     */
    public boolean admin(final long timeMillis, final AdminCommand command, final String actor, final long commandId)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.ADMIN, timeMillis);
        if (e != null)
        {
            e.adminCommand(command);
            e.actor = actor;
            e.adminCommandId = commandId;
        }
        return slots.publish(e);
    }

    /** A command nobody follows up by id ({@link #NO_COMMAND_ID}): the owner's START and STOP, scenarios, tests. */
    public boolean admin(final long timeMillis, final AdminCommand command, final String actor)
    {
        return admin(timeMillis, command, actor, NO_COMMAND_ID);
    }
}

package dev.ringfence.engine.event;

/**
 * The engine's inbound ports over one set of slots, each a narrow publisher of the events one kind of adapter
 * may publish: {@link TerminalReports} (the gateway, the simulated and paper terminals), {@link Signals},
 * {@link OperatorCommands}, {@link TimerTicks} and {@link EngineInputs}. Whoever wires a process hands each
 * adapter the one port it publishes on, never this whole set. Thread-safe as far as the slots are.
 */
public final class InboundPorts
{
    private final TerminalReports terminalReports;
    private final Signals signals;
    private final OperatorCommands operatorCommands;
    private final TimerTicks timerTicks;
    private final EngineInputs engineInputs;

    public InboundPorts(final InboundSlots slots)
    {
        this.terminalReports = new TerminalReports(slots);
        this.signals = new Signals(slots);
        this.operatorCommands = new OperatorCommands(slots);
        this.timerTicks = new TimerTicks(slots);
        this.engineInputs = new EngineInputs(slots);
    }

    public TerminalReports terminalReports()
    {
        return terminalReports;
    }

    public Signals signals()
    {
        return signals;
    }

    public OperatorCommands operatorCommands()
    {
        return operatorCommands;
    }

    public TimerTicks timerTicks()
    {
        return timerTicks;
    }

    public EngineInputs engineInputs()
    {
        return engineInputs;
    }
}

package dev.ringfence.tools.scenario;

import dev.ringfence.engine.DirectEngine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.Side;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.paper.PaperTerminal;
import dev.ringfence.journal.Journal;
import dev.ringfence.journal.OutputJournal;
import dev.ringfence.tools.LifecycleJson;
import dev.ringfence.tools.config.RingfenceConfig;

import java.util.function.Consumer;

/**
 * Runs a scenario through the real business logic and the paper terminal on virtual time, on one
 * thread, so the same input and configuration give byte-identical output every time.
 *
 * <p>Virtual time advances in {@code ring.timerMillis} steps between lines (the terminal's periodic
 * reports, then a TIMER event), exactly as the live timer would. Commands the engine issues go through
 * the same {@link CommandRing} as in live paper mode and are delivered to the terminal after each event,
 * until nothing more is queued.
 */
public final class ScenarioRunner
{
    private static final String ACTOR = "scenario";

    private final RingfenceConfig config;
    private final SymbolTable symbols;
    private final long origin;
    private final CommandRing commands = new CommandRing(1 << 20);
    private final DirectEngine engine;
    private final PaperTerminal terminal;
    private long now;

    public ScenarioRunner(final RingfenceConfig config, final Consumer<String> out)
    {
        this(config, out, (Journal)null);
    }

    /** With {@code journal}, every input and output is journaled too, as a live run would. */
    public ScenarioRunner(final RingfenceConfig config, final Consumer<String> out, final Journal journal)
    {
        this(config, jsonLines(config, out), journal, null);
    }

    /**
     * The engine's lifecycle events go to {@code lifecycle} as they are; {@code observer}, when not null, sees
     * every input just before the business logic does (after the journal, when there is one).
     */
    public ScenarioRunner(
        final RingfenceConfig config, final LifecycleEvents lifecycle, final Journal journal, final Consumer<InboundEvent> observer)
    {
        this.config = config;
        this.symbols = config.symbols;
        this.origin = config.scenarioStartMillis;
        // Virtual time has no processing latency: a constant nano clock keeps heartbeats reproducible.
        if (journal == null)
        {
            this.engine = new DirectEngine(config.engine, symbols, commands, lifecycle, () -> 0);
            if (observer != null)
            {
                engine.journalTo(observer);
            }
        }
        else
        {
            final OutputJournal output = journal.outputJournal(lifecycle, commands);
            this.engine = new DirectEngine(config.engine, symbols, output, output, () -> 0);
            final Consumer<InboundEvent> appender = journal.inboundAppender();
            engine.journalTo(observer == null ? appender : appender.andThen(observer));
            output.clock(engine::nowMillis);
            output.goLive();
        }
        this.terminal = new PaperTerminal(config.terminal, symbols, engine.inbound().terminalReports());
        this.now = origin;
    }

    private static LifecycleEvents jsonLines(final RingfenceConfig config, final Consumer<String> out)
    {
        final LifecycleJson json = new LifecycleJson(config.symbols, config.engine.currencyDigits, config.scenarioStartMillis);
        return event -> out.accept(json.toJson(event));
    }

    /** Runs every step, then stops the loop gracefully. */
    public void run(final Scenario scenario)
    {
        scenario.checkAgainst(symbols);
        start();
        long endAt = -1;
        long lastT = 0;
        for (final ScenarioStep step : scenario.steps())
        {
            at(step.t);
            lastT = step.t;
            if (step.type.equals("end"))
            {
                endAt = step.t;
                break;
            }
            apply(step);
            deliverCommands();
        }
        finish(endAt < 0 ? lastT + config.engine.heartbeatIntervalMillis : endAt);
    }

    /** At {@code t = 0}: the engine gets its configuration and START, and the terminal connects. */
    public void start()
    {
        engine.inbound().engineInputs().config(now, config.engine.describe());
        engine.inbound().operatorCommands().admin(now, AdminCommand.START, ACTOR);
        terminal.connect(now);
        deliverCommands();
    }

    /** Virtual time moves on to {@code t} (ms since the start), through every timer instant on the way. */
    public void at(final long t)
    {
        advanceTo(origin + t);
    }

    /** A quote reaches the paper terminal (a {@code tick} line); the symbol must be configured. */
    public void tick(final int symbolId, final double bid, final double ask)
    {
        terminal.onTick(now, symbolId, bid, ask);
        deliverCommands();
    }

    /** A signal reaches the engine (a {@code signal} line): its source time is now, so it cannot expire. */
    public void signal(
        final String id, final int symbolId, final Side side, final double volume, final double sl, final double tp, final long ttlMillis)
    {
        engine.inbound().signals().signal(now, id, symbolId, side, volume, sl, tp, ttlMillis, now);
        deliverCommands();
    }

    /** A deposit or withdrawal at the terminal (a {@code balance} line). */
    public void balance(final double amount)
    {
        terminal.balanceOperation(now, amount);
        deliverCommands();
    }

    /** The account's figures jump (an {@code account} line). */
    public void account(final double balance, final double equity)
    {
        terminal.setAccount(now, balance, equity, Double.NaN, Double.NaN, true);
        deliverCommands();
    }

    /** An operator command, actor {@code scenario} (an {@code admin} line). */
    public void admin(final AdminCommand command)
    {
        engine.inbound().operatorCommands().admin(now, command, ACTOR);
        deliverCommands();
    }

    /** The run ends at {@code endT}: STOP, then time advances until the loop has stopped. */
    public void finish(final long endT)
    {
        advanceTo(origin + endT);
        engine.inbound().operatorCommands().admin(now, AdminCommand.STOP, ACTOR);
        deliverCommands();
        final long drainLimit = now + config.engine.stopDrainMillis + config.timerMillis;
        final StatusBoard status = new StatusBoard();
        while (!engine.publishStatus(status).loopStopped && now < drainLimit)
        {
            advanceTo(now + config.timerMillis);
        }
    }

    public DirectEngine engine()
    {
        return engine;
    }

    public PaperTerminal terminal()
    {
        return terminal;
    }

    private void apply(final ScenarioStep step)
    {
        switch (step.type)
        {
            case "tick":
                terminal.onTick(now, symbols.idOf(step.text("symbol")), step.number("bid"), step.number("ask"));
                break;
            case "signal":
                engine.inbound().signals().signal(
                    now,
                    step.text("id"),
                    symbols.idOf(step.text("symbol")),
                    Side.valueOf(step.text("side")),
                    step.number("volume"),
                    step.number("sl", 0),
                    step.number("tp", 0),
                    step.integer("ttlMillis", 0),
                    now);
                break;
            case "account":
                terminal.setAccount(
                    now,
                    step.number("balance"),
                    step.number("equity"),
                    step.number("margin", Double.NaN),
                    step.number("freeMargin", Double.NaN),
                    step.bool("connected", true));
                break;
            case "balance":
                terminal.balanceOperation(now, step.number("amount"));
                break;
            case "admin":
                engine.inbound().operatorCommands().admin(now, AdminCommand.valueOf(step.text("command")), ACTOR);
                break;
            case "fault":
                applyFault(step);
                break;
            default:
                throw new ScenarioException(step.line, "unexpected type " + step.type);
        }
    }

    private void applyFault(final ScenarioStep step)
    {
        switch (step.text("kind"))
        {
            case "reject":
                terminal.rejectNext((int)step.integer("retcode", 0), (int)step.integer("count", 1));
                break;
            case "lose-reply":
                terminal.loseNextReply();
                break;
            case "disconnect":
                terminal.disconnect(now, step.integer("millis", 0));
                break;
            case "freeze-account":
                terminal.freezeAccount(now, step.integer("millis", 0));
                break;
            default:
                throw new ScenarioException(step.line, "unknown fault kind " + step.text("kind"));
        }
    }

    /** Steps virtual time to {@code target} through every timer instant on the way. */
    private void advanceTo(final long target)
    {
        final long step = config.timerMillis;
        long next = origin + ((now - origin) / step + 1) * step;
        while (next <= target)
        {
            timerAt(next);
            next += step;
        }
        if (now < target)
        {
            now = target;
        }
    }

    private void timerAt(final long time)
    {
        now = time;
        terminal.onTime(time);
        deliverCommands();
        engine.inbound().timerTicks().timer(time);
        deliverCommands();
    }

    private void deliverCommands()
    {
        while (commands.drainTo(terminal) > 0)
        {
            // Delivering a command can make the terminal report, which can make the engine command again.
        }
    }
}

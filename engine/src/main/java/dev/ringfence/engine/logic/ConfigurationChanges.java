package dev.ringfence.engine.logic;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolSpec;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;

import java.util.List;

/**
 * The configuration in force and how it changes. The first configuration an engine sees (journaled as a
 * {@code CONFIG} event) is the one its history was made with, and applies. A later, different one (a restart
 * with changed limits or account) is not applied silently: entries are denied ({@code REBASE_REQUIRED}) until
 * an operator re-bases, and until then the journal's configuration stays in force.
 *
 * <p>The configuration object is the business logic's own copy, shared by every concern that reads it and
 * overwritten in place only here, on the business thread; each concern then recomputes what it derives.
 */
final class ConfigurationChanges
{
    private final EngineConfig config;
    private final SymbolTable symbols;
    private final LifecycleEmitter emitter;
    private final RiskGuard guard;
    private final EntryGate gate;
    private final EquityFeed feed;
    private final DailyLossBudget budget;
    private final TradingLoop loop;
    private boolean configSeen;
    private EngineConfig pendingConfig;

    ConfigurationChanges(
        final EngineConfig config,
        final SymbolTable symbols,
        final LifecycleEmitter emitter,
        final RiskGuard guard,
        final EntryGate gate,
        final EquityFeed feed,
        final DailyLossBudget budget,
        final TradingLoop loop)
    {
        this.config = config;
        this.symbols = symbols;
        this.emitter = emitter;
        this.guard = guard;
        this.gate = gate;
        this.feed = feed;
        this.budget = budget;
        this.loop = loop;
    }

    /** A {@code CONFIG} event: the configuration the engine was started with, as text. */
    void onConfig(final long now, final String text)
    {
        final EngineConfig announced;
        try
        {
            announced = EngineConfig.parse(text).validate();
        }
        catch (final RuntimeException ex)
        {
            emitter.error(now, "CONFIG_INVALID", null);
            return;
        }
        if (!configSeen)
        {
            configSeen = true;
            apply(now, announced);
            return;
        }
        final String changes = config.differences(announced);
        if (changes.isEmpty())
        {
            pendingConfig = null;
            gate.rebaseRequired(false);
            return;
        }
        pendingConfig = announced;
        gate.rebaseRequired(true);
        emitter.configChanged(now, "REBASE_REQUIRED", changes);
    }

    /** The operator accepts the announced configuration: it applies and the guard's peak is re-based. */
    void rebase(final long now, final String actor)
    {
        if (pendingConfig == null)
        {
            emitter.commandRefused(now, AdminCommand.REBASE, "NOTHING_TO_REBASE", actor);
            return;
        }
        if (!sameSymbols(pendingConfig))
        {
            emitter.commandRefused(now, AdminCommand.REBASE, "SYMBOLS_CHANGED", actor);
            return;
        }
        final double oldPeak = guard.peak();
        apply(now, pendingConfig);
        pendingConfig = null;
        guard.rebase(now);
        emitter.configRebased(now, guard.peak(), oldPeak, actor);
    }

    private void apply(final long now, final EngineConfig announced)
    {
        if (!sameSymbols(announced))
        {
            // Journaled events carry interned symbol ids: a different symbol list cannot be applied in place.
            emitter.error(now, "CONFIG_SYMBOLS_MISMATCH", null);
        }
        final List<SymbolSpec> symbolsInUse = config.symbols;
        config.copyFrom(announced);
        config.symbols = symbolsInUse;
        feed.reconfigure();
        budget.reconfigure();
        guard.reconfigure();
        loop.reconfigure();
    }

    private boolean sameSymbols(final EngineConfig other)
    {
        if (other.symbols.size() != symbols.size())
        {
            return false;
        }
        for (int i = 0; i < symbols.size(); i++)
        {
            if (!other.symbols.get(i).name().equals(symbols.name(i)))
            {
                return false;
            }
        }
        return true;
    }
}

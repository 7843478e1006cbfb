package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import static dev.ringfence.engine.event.LifecycleEventType.*;
import static org.junit.jupiter.api.Assertions.*;

/** RISK.md, Restart: a configuration that changed since the journal needs an explicit operator re-base. */
class ConfigChangeTest
{
    @Test
    void theDescriptionRoundTripsEveryKey()
    {
        final EngineConfig c = new EngineConfig();
        c.maxDrawdownPercent = 12.5;
        c.dailyTimeZone = "Europe/Prague";
        c.warningLevelsPercent = new int[] {30, 60, 90};
        c.dailyLossEnabled = true;
        c.dailyLossLimit = 250;
        assertEquals(c.describe(), EngineConfig.parse(c.describe()).describe());
        assertEquals("", c.differences(EngineConfig.parse(c.describe())));
        assertTrue(c.differences(new EngineConfig()).contains("risk.maxDrawdownPercent 12.5 -> 20"), c.differences(new EngineConfig()));
    }

    @Test
    void theFirstConfigurationAppliesAndTheSameOneLaterChangesNothing()
    {
        final EngineHarness h = new EngineHarness();
        final EngineConfig recorded = new EngineConfig();
        recorded.maxDrawdownPercent = 10;
        h.engine.inbound().engineInputs().config(h.now, recorded.describe());
        h.startConnected(10_000);
        h.engine.inbound().engineInputs().config(h.now, recorded.describe());
        assertTrue(h.events(CONFIG_CHANGED).isEmpty());
        h.account(10_000, 9_000);
        assertEquals(1, h.events(GUARD_TRIPPED).size(), "the recorded 10 % limit is in force");
    }

    @Test
    void aChangedConfigurationDeniesEntriesUntilTheOperatorRebases()
    {
        final EngineHarness h = new EngineHarness();
        h.engine.inbound().engineInputs().config(h.now, new EngineConfig().describe());
        h.startConnected(10_000);
        h.account(10_000, 9_000);

        final EngineConfig changed = new EngineConfig();
        changed.maxDrawdownPercent = 5;
        h.engine.inbound().engineInputs().config(h.now, changed.describe());
        assertEquals("risk.maxDrawdownPercent 20 -> 5", h.last(CONFIG_CHANGED).detail());
        h.signal("s1", "EURUSD", Side.BUY, 0.1);
        assertEquals("REBASE_REQUIRED", h.last(SIGNAL_REJECTED).detail());
        h.account(10_000, 8_500);
        assertTrue(h.events(GUARD_TRIPPED).isEmpty(), "until re-based, the journal's 20 % limit applies");

        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REBASE, "carol");
        assertEquals(8_500, h.last(CONFIG_REBASED).peak(), "the peak is re-based to current equity");
        assertEquals(10_000, h.last(CONFIG_REBASED).oldPeak());
        h.signal("s2", "EURUSD", Side.BUY, 0.1);
        assertEquals("s2", h.last(SIGNAL_APPROVED).signalId());
        h.account(10_000, 8_075);
        assertEquals(1, h.events(GUARD_TRIPPED).size(), "5 % below the new peak: the new limit is in force");
    }

    @Test
    void aRebaseWithNothingChangedIsRefused()
    {
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REBASE, "carol");
        assertEquals("NOTHING_TO_REBASE", h.last(COMMAND_REFUSED).reason());
    }
}

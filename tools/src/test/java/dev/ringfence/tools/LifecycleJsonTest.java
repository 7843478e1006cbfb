package dev.ringfence.tools;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The JSON form of the events an operator must act on carries what they need to act. */
class LifecycleJsonTest
{
    private final EngineConfig config = new EngineConfig();
    private final LifecycleJson json = new LifecycleJson(new SymbolTable(config.symbols), 2, 0);

    @Test
    void aConfigurationChangeListsWhatChanged()
    {
        final EngineConfig changed = new EngineConfig();
        changed.maxDrawdownPercent = 30;
        final LifecycleEvent event = new LifecycleEvent().reset(LifecycleEventType.CONFIG_CHANGED, 5)
            .reason("REBASE_REQUIRED").detail(config.differences(changed));

        assertEquals("{\"t\":5,\"type\":\"CONFIG_CHANGED\",\"reason\":\"REBASE_REQUIRED\"," +
            "\"changes\":\"risk.maxDrawdownPercent 20 -> 30\"}", json.toJson(event));
    }

    @Test
    void aRebaseSaysWhoAndHowThePeakMoved()
    {
        final LifecycleEvent event = new LifecycleEvent().reset(LifecycleEventType.CONFIG_REBASED, 7)
            .peak(9_000).oldPeak(10_000).actor("alice");

        assertEquals("{\"t\":7,\"type\":\"CONFIG_REBASED\",\"peak\":9000,\"oldPeak\":10000,\"actor\":\"alice\"}",
            json.toJson(event));
    }
}

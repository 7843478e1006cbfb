package dev.ringfence.tools;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
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

    @Test
    void theEventsOfProtocolTwoCarryWhatAnOperatorNeeds()
    {
        assertEquals("{\"t\":1,\"type\":\"SYMBOL_REFUSED\",\"symbol\":\"XAUUSD\",\"reason\":\"BAD_SYMBOL\",\"detail\":\"ENTRIES_DENIED\"}",
            json.toJson(new LifecycleEvent().reset(LifecycleEventType.SYMBOL_REFUSED, 1).symbolId(3).reason("BAD_SYMBOL")
                .detail("ENTRIES_DENIED")));
        assertEquals("{\"t\":2,\"type\":\"TERMINAL_TRADING_NOT_PERMITTED\",\"missing\":\"TERMINAL+EXPERT\",\"permissions\":6}",
            json.toJson(new LifecycleEvent().reset(LifecycleEventType.TERMINAL_TRADING_NOT_PERMITTED, 2).reason("TERMINAL+EXPERT").count(6)));
        assertEquals("{\"t\":3,\"type\":\"TERMINAL_TRADING_PERMITTED\",\"permissions\":15}",
            json.toJson(new LifecycleEvent().reset(LifecycleEventType.TERMINAL_TRADING_PERMITTED, 3).count(15)));
        assertEquals("{\"t\":4,\"type\":\"POSITION_REDUCED\",\"ticket\":700,\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.6," +
            "\"remainingVolume\":0.4,\"profit\":12.5,\"reason\":\"MANUAL\"}",
            json.toJson(new LifecycleEvent().reset(LifecycleEventType.POSITION_REDUCED, 4).ticket(700).symbolId(0).side(Side.BUY)
                .volume(0.6).remainingVolume(0.4).profit(12.5).reason("MANUAL")));
        assertEquals("{\"t\":5,\"type\":\"ORDER_WAITING\",\"signalId\":\"s1\",\"clientOrderId\":42,\"symbol\":\"EURUSD\"," +
            "\"retcode\":3,\"reason\":\"LOOKUP_PENDING\",\"waitMillis\":2000}",
            json.toJson(new LifecycleEvent().reset(LifecycleEventType.ORDER_WAITING, 5).signalId("s1").clientOrderId(42).symbolId(0)
                .retcode(3).reason("LOOKUP_PENDING").ageMillis(2_000)));
    }
}

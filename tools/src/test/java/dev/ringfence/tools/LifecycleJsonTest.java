package dev.ringfence.tools;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.CloseReason;
import dev.ringfence.engine.event.GuardRule;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.HeartbeatData;
import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.LifecycleEventWriter;
import dev.ringfence.engine.event.RejectReason;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The JSON form of the events an operator must act on carries what they need to act. */
class LifecycleJsonTest
{
    private final EngineConfig config = new EngineConfig();
    private final LifecycleJson json = new LifecycleJson(new SymbolTable(config.symbols), 2, 0);
    private final List<String> written = new ArrayList<>();
    private final Set<LifecycleEventType> types = EnumSet.noneOf(LifecycleEventType.class);
    private final LifecycleEventWriter events = LifecycleEventWriter.to(e ->
    {
        types.add(e.type());
        written.add(json.toJson(e));
    });

    @Test
    void aConfigurationChangeListsWhatChanged()
    {
        final EngineConfig changed = new EngineConfig();
        changed.maxDrawdownPercent = 30;
        events.configChanged(5, "REBASE_REQUIRED", config.differences(changed));

        assertEquals(List.of("{\"t\":5,\"type\":\"CONFIG_CHANGED\",\"reason\":\"REBASE_REQUIRED\"," +
            "\"changes\":\"risk.maxDrawdownPercent 20 -> 30\"}"), written);
    }

    @Test
    void aRebaseSaysWhoAndHowThePeakMoved()
    {
        events.configRebased(7, 9_000, 10_000, "alice");

        assertEquals(List.of("{\"t\":7,\"type\":\"CONFIG_REBASED\",\"peak\":9000,\"oldPeak\":10000,\"actor\":\"alice\"}"), written);
    }

    @Test
    void theEventsOfProtocolTwoCarryWhatAnOperatorNeeds()
    {
        events.symbolRefused(1, 3, "BAD_SYMBOL", "ENTRIES_DENIED");
        events.terminalTradingNotPermitted(2, "TERMINAL+EXPERT", 6);
        events.terminalTradingPermitted(3, 15);
        events.positionReduced(4, 700, 0, Side.BUY, 0.6, 0.4, 12.5, CloseReason.MANUAL);
        events.orderWaiting(5, "s1", 42, 0, 3, "LOOKUP_PENDING", 2_000);

        assertEquals(List.of(
            "{\"t\":1,\"type\":\"SYMBOL_REFUSED\",\"symbol\":\"XAUUSD\",\"reason\":\"BAD_SYMBOL\",\"detail\":\"ENTRIES_DENIED\"}",
            "{\"t\":2,\"type\":\"TERMINAL_TRADING_NOT_PERMITTED\",\"missing\":\"TERMINAL+EXPERT\",\"permissions\":6}",
            "{\"t\":3,\"type\":\"TERMINAL_TRADING_PERMITTED\",\"permissions\":15}",
            "{\"t\":4,\"type\":\"POSITION_REDUCED\",\"ticket\":700,\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.6," +
                "\"remainingVolume\":0.4,\"profit\":12.5,\"reason\":\"MANUAL\"}",
            "{\"t\":5,\"type\":\"ORDER_WAITING\",\"signalId\":\"s1\",\"clientOrderId\":42,\"symbol\":\"EURUSD\"," +
                "\"retcode\":3,\"reason\":\"LOOKUP_PENDING\",\"waitMillis\":2000}"), written);
    }

    /** Every type, written field by field from its declaration: names, order, roundings, absent and optional values. */
    @Test
    void everyTypeIsWrittenAsItsDeclarationSays()
    {
        events.signalReceived(1, "s-1", 0);
        events.signalApproved(2, "s-1", 42, 0, Side.BUY, 0.125);
        events.signalRejected(3, "s-2", RejectReason.HALTED, null);
        events.signalRejected(3, "s-3", RejectReason.NO_SYMBOL_SPEC, "MISSING");
        events.tradeExecuted(4, "s-1", 42, 700, 0, Side.SELL, 1, 1.123456, null);
        events.tradeExecuted(4, "s-1", 42, 700, 3, Side.BUY, 0.5, 2345.678, "RESOLVED_BY_LOOKUP");
        events.tradeFailed(5, "s-1", 42, 0, 10006, "REJECTED");
        events.positionClosed(6, 700, 0, Side.BUY, 1, -12.345, CloseReason.STOP_LOSS);
        events.positionReduced(7, 700, 0, Side.SELL, 0.6, 0.4, 12.5, CloseReason.MANUAL);
        events.orderWaiting(8, "s-1", 42, 0, 10018, "MARKET_CLOSED", 2_000);
        events.loopStarted(9, "alice");
        events.loopStarted(9, null);
        events.loopStopped(10, 2, 1);
        events.heartbeat(11, figures());
        events.guardWarning(12, GuardRule.MAX_DRAWDOWN, 50, 51.234567, 9487.655, 10_000);
        events.guardTripped(13, GuardRule.MAX_DRAWDOWN, 7_990, 10_000, 20.1, 20);
        events.guardTripped(13, GuardRule.EQUITY_FLOOR, 7999.999, 10_000, 20.00001, 8000.005);
        events.guardStateChanged(14, GuardState.ACTIVE, GuardState.FLATTENING);
        events.flattenCompleted(15, 2, 7_990);
        events.guardRearmed(16, 8_000, 10_000, 8_000, "alice", null);
        events.guardRearmed(16, 8_000, 8_000, 7999.5, "bob", "JOURNAL_GAP");
        events.dataDegraded(17, 15_000);
        events.dataRecovered(18, 9000.1);
        events.terminalConnected(19);
        events.terminalDisconnected(20);
        events.reconciled(21, 2);
        events.circuitOpened(22, 3);
        events.circuitClosed(23);
        events.configChanged(24, "REBASE_REQUIRED", "risk.maxDrawdownPercent 20 -> 30");
        events.configChanged(24, "REBASE_REQUIRED", null);
        events.configRebased(25, 9_000, 10_000, "alice");
        events.configRebased(25, 9_000, 10_000, null);
        events.commandRefused(26, AdminCommand.REARM, "NOT_FLAT", "bob");
        events.commandRefused(26, AdminCommand.REBASE, "NOTHING_TO_REBASE", null);
        events.error(27, "EVENT_FAILED", "TICK:\"Boom\"\n\\x");
        events.error(27, "UNMATCHED_ORDER_RESULT", null);
        events.journalFailed(28, "INBOUND_NOT_JOURNALED", "d");
        events.journalRecovered(29, "INBOUND_JOURNALED", "e");
        events.tradingHalted(30, "alice");
        events.tradingResumed(31, null);
        events.symbolRefused(32, 3, "BAD_SYMBOL", "ENTRIES_DENIED");
        events.terminalTradingNotPermitted(33, "TERMINAL+EXPERT", 6);
        events.terminalTradingPermitted(34, 15);
        events.tradeFailed(35, null, 43, 1, 0, null);
        events.dataRecovered(36, Double.NaN);
        events.positionClosed(37, 701, 1, null, 0.004, -0.001, CloseReason.UNKNOWN);

        assertEquals(EnumSet.allOf(LifecycleEventType.class), types, "every type is written here");
        assertEquals(List.of(
            "{\"t\":1,\"type\":\"SIGNAL_RECEIVED\",\"signalId\":\"s-1\",\"symbol\":\"EURUSD\"}",
            "{\"t\":2,\"type\":\"SIGNAL_APPROVED\",\"signalId\":\"s-1\",\"clientOrderId\":42,\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":0.13}",
            "{\"t\":3,\"type\":\"SIGNAL_REJECTED\",\"signalId\":\"s-2\",\"reason\":\"HALTED\"}",
            "{\"t\":3,\"type\":\"SIGNAL_REJECTED\",\"signalId\":\"s-3\",\"reason\":\"NO_SYMBOL_SPEC\",\"detail\":\"MISSING\"}",
            "{\"t\":4,\"type\":\"TRADE_EXECUTED\",\"signalId\":\"s-1\",\"clientOrderId\":42,\"ticket\":700,\"symbol\":\"EURUSD\",\"side\":\"SELL\"," +
                "\"volume\":1,\"price\":1.12346}",
            "{\"t\":4,\"type\":\"TRADE_EXECUTED\",\"signalId\":\"s-1\",\"clientOrderId\":42,\"ticket\":700,\"symbol\":\"XAUUSD\",\"side\":\"BUY\"," +
                "\"volume\":0.5,\"price\":2345.68,\"detail\":\"RESOLVED_BY_LOOKUP\"}",
            "{\"t\":5,\"type\":\"TRADE_FAILED\",\"signalId\":\"s-1\",\"clientOrderId\":42,\"symbol\":\"EURUSD\",\"retcode\":10006,\"reason\":\"REJECTED\"}",
            "{\"t\":6,\"type\":\"POSITION_CLOSED\",\"ticket\":700,\"symbol\":\"EURUSD\",\"side\":\"BUY\",\"volume\":1,\"profit\":-12.35," +
                "\"reason\":\"STOP_LOSS\"}",
            "{\"t\":7,\"type\":\"POSITION_REDUCED\",\"ticket\":700,\"symbol\":\"EURUSD\",\"side\":\"SELL\",\"volume\":0.6,\"remainingVolume\":0.4," +
                "\"profit\":12.5,\"reason\":\"MANUAL\"}",
            "{\"t\":8,\"type\":\"ORDER_WAITING\",\"signalId\":\"s-1\",\"clientOrderId\":42,\"symbol\":\"EURUSD\",\"retcode\":10018," +
                "\"reason\":\"MARKET_CLOSED\",\"waitMillis\":2000}",
            "{\"t\":9,\"type\":\"LOOP_STARTED\",\"actor\":\"alice\"}",
            "{\"t\":9,\"type\":\"LOOP_STARTED\"}",
            "{\"t\":10,\"type\":\"LOOP_STOPPED\",\"openPositions\":2,\"pendingOrders\":1}",
            "{\"t\":11,\"type\":\"HEARTBEAT\",\"loopId\":1,\"uptimeMillis\":2,\"equity\":9876.54,\"peak\":10000,\"drawdownPercent\":1.2346," +
                "\"guardState\":\"ACTIVE\",\"degraded\":true,\"reconciling\":false,\"terminalConnected\":true,\"openPositions\":3," +
                "\"pendingOrders\":4,\"signalsReceived\":5,\"signalsApproved\":6,\"signalsRejected\":7,\"tradesExecuted\":8,\"tradesFailed\":9," +
                "\"errors\":10,\"intervalSignalsReceived\":11,\"intervalTradesExecuted\":14,\"intervalTradesFailed\":15,\"intervalErrors\":16," +
                "\"invalidSamples\":17,\"lastValidSampleAgeMillis\":-1,\"ringBacklog\":19,\"latencyP50Micros\":1.234," +
                "\"latencyP99Micros\":56.789,\"latencyMaxMicros\":10000.005}",
            "{\"t\":12,\"type\":\"GUARD_WARNING\",\"rule\":\"MAX_DRAWDOWN\",\"levelPercent\":50,\"usedPercent\":51.2346,\"equity\":9487.66," +
                "\"peak\":10000}",
            "{\"t\":13,\"type\":\"GUARD_TRIPPED\",\"rule\":\"MAX_DRAWDOWN\",\"equity\":7990,\"peak\":10000,\"drawdownPercent\":20.1,\"threshold\":20}",
            "{\"t\":13,\"type\":\"GUARD_TRIPPED\",\"rule\":\"EQUITY_FLOOR\",\"equity\":8000,\"peak\":10000,\"drawdownPercent\":20," +
                "\"threshold\":8000.01}",
            "{\"t\":14,\"type\":\"GUARD_STATE_CHANGED\",\"from\":\"ACTIVE\",\"to\":\"FLATTENING\"}",
            "{\"t\":15,\"type\":\"FLATTEN_COMPLETED\",\"positionsClosed\":2,\"equity\":7990}",
            "{\"t\":16,\"type\":\"GUARD_REARMED\",\"peak\":8000,\"oldPeak\":10000,\"equity\":8000,\"actor\":\"alice\"}",
            "{\"t\":16,\"type\":\"GUARD_REARMED\",\"peak\":8000,\"oldPeak\":8000,\"equity\":7999.5,\"actor\":\"bob\",\"reason\":\"JOURNAL_GAP\"}",
            "{\"t\":17,\"type\":\"DATA_DEGRADED\",\"lastValidSampleAgeMillis\":15000}",
            "{\"t\":18,\"type\":\"DATA_RECOVERED\",\"equity\":9000.1}",
            "{\"t\":19,\"type\":\"TERMINAL_CONNECTED\"}",
            "{\"t\":20,\"type\":\"TERMINAL_DISCONNECTED\"}",
            "{\"t\":21,\"type\":\"RECONCILED\",\"differences\":2}",
            "{\"t\":22,\"type\":\"CIRCUIT_OPENED\",\"consecutiveFailures\":3}",
            "{\"t\":23,\"type\":\"CIRCUIT_CLOSED\"}",
            "{\"t\":24,\"type\":\"CONFIG_CHANGED\",\"reason\":\"REBASE_REQUIRED\",\"changes\":\"risk.maxDrawdownPercent 20 -> 30\"}",
            "{\"t\":24,\"type\":\"CONFIG_CHANGED\",\"reason\":\"REBASE_REQUIRED\"}",
            "{\"t\":25,\"type\":\"CONFIG_REBASED\",\"peak\":9000,\"oldPeak\":10000,\"actor\":\"alice\"}",
            "{\"t\":25,\"type\":\"CONFIG_REBASED\",\"peak\":9000,\"oldPeak\":10000}",
            "{\"t\":26,\"type\":\"COMMAND_REFUSED\",\"command\":\"REARM\",\"reason\":\"NOT_FLAT\",\"actor\":\"bob\"}",
            "{\"t\":26,\"type\":\"COMMAND_REFUSED\",\"command\":\"REBASE\",\"reason\":\"NOTHING_TO_REBASE\"}",
            "{\"t\":27,\"type\":\"ERROR\",\"reason\":\"EVENT_FAILED\",\"detail\":\"TICK:\\\"Boom\\\"\\n\\\\x\"}",
            "{\"t\":27,\"type\":\"ERROR\",\"reason\":\"UNMATCHED_ORDER_RESULT\"}",
            "{\"t\":28,\"type\":\"JOURNAL_FAILED\",\"reason\":\"INBOUND_NOT_JOURNALED\",\"detail\":\"d\"}",
            "{\"t\":29,\"type\":\"JOURNAL_RECOVERED\",\"reason\":\"INBOUND_JOURNALED\",\"detail\":\"e\"}",
            "{\"t\":30,\"type\":\"TRADING_HALTED\",\"actor\":\"alice\"}",
            "{\"t\":31,\"type\":\"TRADING_RESUMED\"}",
            "{\"t\":32,\"type\":\"SYMBOL_REFUSED\",\"symbol\":\"XAUUSD\",\"reason\":\"BAD_SYMBOL\",\"detail\":\"ENTRIES_DENIED\"}",
            "{\"t\":33,\"type\":\"TERMINAL_TRADING_NOT_PERMITTED\",\"missing\":\"TERMINAL+EXPERT\",\"permissions\":6}",
            "{\"t\":34,\"type\":\"TERMINAL_TRADING_PERMITTED\",\"permissions\":15}",
            "{\"t\":35,\"type\":\"TRADE_FAILED\",\"signalId\":null,\"clientOrderId\":43,\"symbol\":\"GBPUSD\",\"retcode\":0,\"reason\":null}",
            "{\"t\":36,\"type\":\"DATA_RECOVERED\",\"equity\":null}",
            "{\"t\":37,\"type\":\"POSITION_CLOSED\",\"ticket\":701,\"symbol\":\"GBPUSD\",\"side\":null,\"volume\":0,\"profit\":0,\"reason\":\"UNKNOWN\"}"),
            written);
    }

    private static HeartbeatData figures()
    {
        final HeartbeatData h = new HeartbeatData();
        h.loopId = 1;
        h.uptimeMillis = 2;
        h.equity = 9876.543;
        h.peak = 10_000;
        h.drawdownPercent = 1.23456;
        h.guardState = GuardState.ACTIVE;
        h.degraded = true;
        h.terminalConnected = true;
        h.openPositions = 3;
        h.pendingOrders = 4;
        h.signalsReceived = 5;
        h.signalsApproved = 6;
        h.signalsRejected = 7;
        h.tradesExecuted = 8;
        h.tradesFailed = 9;
        h.errors = 10;
        h.intervalSignalsReceived = 11;
        h.intervalSignalsApproved = 12;
        h.intervalSignalsRejected = 13;
        h.intervalTradesExecuted = 14;
        h.intervalTradesFailed = 15;
        h.intervalErrors = 16;
        h.invalidSamples = 17;
        h.lastValidSampleAgeMillis = -1;
        h.ringBacklog = 19;
        h.commandsRejectedQueueFull = 20;
        h.latencyP50Nanos = 1_234;
        h.latencyP99Nanos = 56_789;
        h.latencyMaxNanos = 10_000_005L;
        return h;
    }
}

package dev.ringfence.gateway.mql5;

import dev.ringfence.engine.event.LifecycleEventType;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real {@code RingfenceBridge.mq5}, compiled with the MQL5 harness, against the real gateway and
 * engine: each test is one situation a live terminal meets, and what the EA must do in it.
 */
class EaScenarioTest
{
    private static EaRig rig(final Map<String, String> inputs) throws Exception
    {
        Mql5HarnessBuild.requireCompiler();
        return new EaRig(inputs);
    }

    private static void connect(final EaRig rig)
    {
        rig.ea.command("init");
        rig.driveUntil(LifecycleEventType.RECONCILED, 1);
    }

    private static List<String> positions(final EaRig rig)
    {
        return rig.ea.command("positions").stream().filter(l -> l.startsWith("POSITION ")).collect(Collectors.toList());
    }

    @Test
    void theEaCompletesTheHandshakeAndTheEngineReconciles() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            connect(rig);
            assertEquals(1, rig.count(LifecycleEventType.TERMINAL_CONNECTED));
        }
    }

    @Test
    void aSignalIsExecutedExactlyOnce() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            connect(rig);
            rig.signal("sig-1", "EURUSD", Side.BUY, 0.10);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);
            final long id = rig.last(LifecycleEventType.TRADE_EXECUTED).clientOrderId();
            rig.run(2_000);   // time for a duplicate to show, were there one

            assertEquals(1, rig.ordersSentWithMagic(id));
            final Map<String, String> trade = Mql5Harness.fields(rig.ea.lines("TRADE").get(0));
            assertEquals("10009", trade.get("result.retcode"));
            assertEquals("EURUSD", trade.get("symbol"));
            assertEquals("BUY", trade.get("type"));
            assertEquals("0.1", trade.get("volume"));
            assertEquals(1, positions(rig).stream().filter(p -> p.contains(" magic=" + id)).count());
            assertEquals(1, rig.count(LifecycleEventType.TRADE_EXECUTED), rig.eventNames());
            assertEquals(0, rig.gateway.counters().protocolErrors());
        }
    }

    @Test
    void aReplyLostWithTheConnectionIsResolvedByLookupNotByASecondOrder() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            connect(rig);
            rig.ea.command("drop-after-ordersend");
            rig.signal("sig-lost-reply", "EURUSD", Side.BUY, 0.10);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);
            final long id = rig.last(LifecycleEventType.TRADE_EXECUTED).clientOrderId();
            rig.run(2_000);

            assertTrue(rig.ea.lines().stream().anyMatch(l -> l.startsWith("HARNESS the program's sockets were cut")));
            assertTrue(rig.count(LifecycleEventType.TERMINAL_DISCONNECTED) >= 1, "the reply was lost with the connection");
            assertEquals(1, rig.ordersSentWithMagic(id));
            assertEquals(1, positions(rig).size());
            assertEquals(1, rig.count(LifecycleEventType.TRADE_EXECUTED), rig.eventNames());
        }
    }

    @Test
    void anEaRestartedBetweenOrderSendAndItsReplyDoesNotTradeTwice() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            connect(rig);
            rig.ea.command("crash-after-ordersend");
            rig.signal("sig-crash", "EURUSD", Side.BUY, 0.10);
            rig.drive(() -> rig.ea.lines().stream().anyMatch(l -> l.startsWith("HARNESS the program was killed")), "the kill after OrderSend");
            rig.ea.command("init");
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);
            final long id = rig.last(LifecycleEventType.TRADE_EXECUTED).clientOrderId();
            rig.run(2_000);

            assertEquals(1, rig.ordersSentWithMagic(id));
            assertEquals(1, positions(rig).size());
            assertEquals(1, rig.count(LifecycleEventType.TRADE_EXECUTED), rig.eventNames());
        }
    }

    @Test
    void anOrderWhoseHistoryIsNotVisibleYetIsAnsweredPendingThenDoneNeverSentAgain() throws Exception
    {
        // On a netting account a second buy adds to the position opened by the first: the position keeps
        // the first order's magic, so only history shows the second, and history lags.
        try (EaRig rig = rig(Map.of()))
        {
            rig.ea.command("account mode=netting");
            connect(rig);
            rig.signal("sig-net-1", "EURUSD", Side.BUY, 0.10);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);
            rig.ea.command("history-delay 3000");
            rig.ea.command("crash-after-ordersend");
            rig.signal("sig-net-2", "EURUSD", Side.BUY, 0.10);
            rig.drive(() -> rig.ea.lines().stream().filter(l -> l.startsWith("TRADE ")).count() == 2, "the second order sent");
            rig.ea.command("init");
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 2);
            final long second = rig.last(LifecycleEventType.TRADE_EXECUTED).clientOrderId();
            rig.run(2_000);

            assertEquals(1, rig.ordersSentWithMagic(second));
            assertEquals(1, positions(rig).size());
            assertTrue(positions(rig).get(0).contains(" volume=0.2"), positions(rig).toString());
        }
    }

    @Test
    void aStalledBusinessThreadLeavesTheEaToItsLocalFloor() throws Exception
    {
        // The gateway's I/O thread still echoes the EA's heartbeats; only the engine's own heartbeat stops.
        try (EaRig rig = rig(Map.of("InpLocalEquityFloor", "9900", "InpEngineSilenceSec", "2", "InpStreamPauseSec", "1")))
        {
            rig.ea.command("quote EURUSD 1.10000 1.10010");
            connect(rig);
            rig.signal("sig-floor", "EURUSD", Side.BUY, 1.0);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);
            rig.stallBusinessThread();
            rig.ea.command("quote EURUSD 1.09800 1.09810");
            rig.ea.command("until-log local\\sfloor 8000");
            rig.run(500);

            assertEquals(List.of(), positions(rig));
            assertTrue(rig.ea.lines().stream().anyMatch(l -> l.startsWith("DEAL ") && l.contains("reason=EXPERT")), "closed by the EA");
            assertTrue(rig.ea.lines().stream().anyMatch(l -> l.contains("reports paused")), "nothing streamed to the stuck engine");
        }
    }

    @Test
    void aNettingAccountAddsToTheOnePositionOfTheSymbol() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            rig.ea.command("account mode=netting");
            connect(rig);
            rig.signal("sig-n1", "EURUSD", Side.BUY, 0.10);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);
            rig.signal("sig-n2", "EURUSD", Side.BUY, 0.20);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 2);
            rig.run(1_000);

            final List<String> open = positions(rig);
            assertEquals(1, open.size(), open.toString());
            assertTrue(open.get(0).contains(" volume=0.3"), open.toString());
            final long firstTicket = rig.events.stream().filter(e -> e.type() == LifecycleEventType.TRADE_EXECUTED)
                .findFirst().orElseThrow().ticket();
            assertEquals(firstTicket, rig.last(LifecycleEventType.TRADE_EXECUTED).ticket(), "both fills report the one position");
        }
    }

    @Test
    void aFillOrKillOnlyBrokerGetsFillOrKill() throws Exception
    {
        assertFillingUsed("FOK");
    }

    @Test
    void anImmediateOrCancelOnlyBrokerGetsImmediateOrCancel() throws Exception
    {
        assertFillingUsed("IOC");
    }

    private static void assertFillingUsed(final String filling) throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            rig.ea.command("symbol EURUSD filling=" + filling + " exemode=MARKET");
            connect(rig);
            rig.signal("sig-" + filling, "EURUSD", Side.BUY, 0.10);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);

            final List<String> trades = rig.ea.lines().stream().filter(l -> l.startsWith("TRADE ")).collect(Collectors.toList());
            assertEquals(1, trades.size(), trades.toString());
            assertTrue(trades.get(0).contains("filling=" + filling), trades.toString());
        }
    }

    @Test
    void aDepositDuringTheDayIsReportedOnce() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            connect(rig);
            rig.ea.command("deposit 100");
            rig.drive(() -> rig.balanceOperations.get() == 1, "the first deposit");
            rig.ea.command("deposit 50");
            rig.drive(() -> rig.balanceOperations.get() == 2, "the second deposit");
            rig.run(3_000);

            assertEquals(2, rig.balanceOperations.get());
            assertEquals(150.0, rig.balanceOperationSum.sum(), 1e-9);
        }
    }

    @Test
    void aDepositOverTheWeekendIsReportedOnceAcrossARestart() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            connect(rig);
            rig.ea.command("weekend on");
            rig.ea.command("deposit 500");
            rig.drive(() -> rig.balanceOperations.get() == 1, "the weekend deposit");
            rig.ea.command("restart");
            rig.driveUntil(LifecycleEventType.RECONCILED, 2);
            rig.run(3_000);

            assertEquals(1, rig.balanceOperations.get());
            assertEquals(500.0, rig.balanceOperationSum.sum(), 1e-9);
        }
    }

    @Test
    void aBrokerSuffixIsResolvedByTheEa() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            rig.ea.command("suffix .m");
            connect(rig);
            rig.signal("sig-suffix", "EURUSD", Side.BUY, 0.10);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);

            assertTrue(rig.ea.lines().stream().anyMatch(l -> l.contains("EURUSD is EURUSD.m")), String.join("\n", rig.ea.lines()));
            assertTrue(rig.ea.lines().stream().anyMatch(l -> l.startsWith("TRADE ") && l.contains("symbol=EURUSD.m")));
        }
    }

    @Test
    void aSymbolTheBrokerDoesNotHaveIsNamedAndNeverApproved() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            rig.ea.command("symbol-del XAUUSD");
            connect(rig);
            rig.signal("sig-gold", "XAUUSD", Side.BUY, 0.10);
            rig.driveUntil(LifecycleEventType.SIGNAL_REJECTED, 1);

            assertEquals("NO_SYMBOL_SPEC", rig.last(LifecycleEventType.SIGNAL_REJECTED).reason());
            assertTrue(rig.ea.lines().stream().anyMatch(l -> l.contains("the broker has no symbol XAUUSD")), String.join("\n", rig.ea.lines()));
            assertEquals(0, rig.ea.lines().stream().filter(l -> l.startsWith("TRADE ")).count());
        }
    }

    @Test
    void algoTradingOffIsReportedToTheEngineWhichDeniesEntries() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            rig.ea.command("permissions terminal=0");
            connect(rig);
            rig.driveUntil(LifecycleEventType.TERMINAL_TRADING_NOT_PERMITTED, 1);
            rig.signal("sig-algo-off", "EURUSD", Side.BUY, 0.10);
            rig.driveUntil(LifecycleEventType.SIGNAL_REJECTED, 1);

            assertTrue(rig.ea.lines().stream().anyMatch(l -> l.contains("Algo Trading is off in the terminal")));
            assertEquals(0, rig.ea.lines().stream().filter(l -> l.startsWith("TRADE ")).count());
            rig.ea.command("permissions terminal=1");
            rig.driveUntil(LifecycleEventType.TERMINAL_TRADING_PERMITTED, 1);
        }
    }

    @Test
    void aWrongSecretIsNamedInTheExpertsLog() throws Exception
    {
        try (EaRig rig = rig(Map.of("InpSecret", "not-the-secret")))
        {
            rig.ea.command("init");
            rig.ea.command("until-log wrong\\ssecret 5000");

            assertEquals(0, rig.count(LifecycleEventType.TERMINAL_CONNECTED));
        }
    }

    @Test
    void aPartialCloseByHandReducesTheEnginesPositionAndKeepsItOpen() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            connect(rig);
            rig.signal("sig-partial", "EURUSD", Side.BUY, 0.30);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);
            final long ticket = rig.last(LifecycleEventType.TRADE_EXECUTED).ticket();
            rig.ea.command("close " + ticket + " 0.1 reason=CLIENT");
            rig.driveUntil(LifecycleEventType.POSITION_REDUCED, 1);
            rig.run(1_500);

            assertEquals(0, rig.count(LifecycleEventType.POSITION_CLOSED), rig.eventNames());
            assertTrue(positions(rig).get(0).contains(" volume=0.2"), positions(rig).toString());
        }
    }

    @Test
    void aNettingReversalReportsTheOldSideClosed() throws Exception
    {
        try (EaRig rig = rig(Map.of()))
        {
            rig.ea.command("account mode=netting");
            connect(rig);
            rig.signal("sig-reversed", "EURUSD", Side.BUY, 0.30);
            rig.driveUntil(LifecycleEventType.TRADE_EXECUTED, 1);
            rig.ea.command("open EURUSD SELL 0.5");
            rig.driveUntil(LifecycleEventType.POSITION_CLOSED, 1);

            assertTrue(rig.ea.lines().stream().anyMatch(l -> l.startsWith("DEAL ") && l.contains("entry=INOUT")));
            assertEquals("MANUAL", rig.last(LifecycleEventType.POSITION_CLOSED).reason(), "reported by the EA with the deal's reason");
            final List<String> open = positions(rig);
            assertEquals(1, open.size());
            assertTrue(open.get(0).contains(" type=SELL") && open.get(0).contains(" volume=0.2"), open.toString());
        }
    }
}

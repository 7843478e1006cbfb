package dev.ringfence.gateway.mql5;

import dev.ringfence.gateway.wire.Wire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The compiled EA against a gateway the test plays frame by frame ({@link ScriptedGateway}), or against
 * none: what the EA answers, sends and does on its own, independent of the engine's choices.
 */
class EaProtocolTest
{
    private static final long EURUSD_ORDER = 501;

    @BeforeEach
    void compilerPresent()
    {
        Mql5HarnessBuild.requireCompiler();
    }

    /** Runs the EA's timer in 100 ms slices until the condition holds (at most 10 s of its clock). */
    private static void runUntil(final Mql5Harness ea, final BooleanSupplier condition, final String what)
    {
        for (int i = 0; i < 100; i++)
        {
            if (condition.getAsBoolean())
            {
                return;
            }
            ea.command("run 100");
        }
        fail("waited for " + what + "\n" + String.join("\n", ea.lines()));
    }

    private static Mql5Harness connected(final ScriptedGateway gateway, final Map<String, String> inputs) throws IOException
    {
        final Map<String, String> all = new java.util.HashMap<>(inputs);
        all.put("InpPort", Integer.toString(gateway.port()));
        final Mql5Harness ea = Mql5Harness.start(all);
        ea.command("init");
        runUntil(ea, () -> !gateway.ofType(Wire.HELLO).isEmpty(), "HELLO");
        gateway.accept();
        ea.command("until-log connected 3000");
        return ea;
    }

    private static List<ScriptedGateway.Frame> results(final ScriptedGateway gateway)
    {
        return gateway.ofType(Wire.ORDER_RESULT);
    }

    @Test
    void aRepeatOfAFilledOrderIsAnsweredDoneEvenAfterItsExpiry() throws Exception
    {
        try (ScriptedGateway gateway = new ScriptedGateway();
             Mql5Harness ea = connected(gateway, Map.of()))
        {
            final long now = System.currentTimeMillis();
            gateway.send(ScriptedGateway.eurusdBuy(EURUSD_ORDER, 0.10, now + 60_000));
            runUntil(ea, () -> results(gateway).size() == 1, "the first result");
            gateway.send(ScriptedGateway.eurusdBuy(EURUSD_ORDER, 0.10, now - 1_000));
            runUntil(ea, () -> results(gateway).size() == 2, "the answer to the repeat");

            final ScriptedGateway.Frame repeat = results(gateway).get(1);
            assertEquals(EURUSD_ORDER, repeat.longAt(Wire.OrderResult.CLIENT_ORDER_ID));
            assertEquals(10009, repeat.intAt(Wire.OrderResult.RETCODE), "a filled order is done, whatever its expiry");
            assertEquals(results(gateway).get(0).longAt(Wire.OrderResult.TICKET), repeat.longAt(Wire.OrderResult.TICKET));
            assertEquals(1, ea.lines("TRADE").size());
        }
    }

    @Test
    void aVolumeOffTheBrokersStepIsRoundedDownToIt() throws Exception
    {
        try (ScriptedGateway gateway = new ScriptedGateway();
             Mql5Harness ea = connected(gateway, Map.of()))
        {
            gateway.send(ScriptedGateway.eurusdBuy(EURUSD_ORDER, 0.123, System.currentTimeMillis() + 60_000));
            runUntil(ea, () -> results(gateway).size() == 1, "the result");

            assertEquals(10009, results(gateway).get(0).intAt(Wire.OrderResult.RETCODE));
            assertEquals("0.12", Mql5Harness.fields(ea.lines("TRADE").get(0)).get("volume"));
        }
    }

    @Test
    void reportTimesCarryMillisecondsOnTheWallClock() throws Exception
    {
        try (ScriptedGateway gateway = new ScriptedGateway();
             Mql5Harness ea = connected(gateway, Map.of()))
        {
            for (int i = 0; i < 10; i++)
            {
                gateway.heartbeat();
                ea.command("quote EURUSD 1.1" + i + " 1.1" + i + "02");
                ea.command("run 130");
            }
            final List<Long> times = gateway.received.stream()
                .filter(f -> f.type == Wire.TICK || f.type == Wire.ACCOUNT)
                .map(f -> f.longAt(0)).collect(Collectors.toList());

            assertTrue(times.size() >= 10, times.toString());
            assertTrue(times.stream().anyMatch(t -> t % 1000 != 0), "not whole seconds: " + times);
            final long now = System.currentTimeMillis();
            assertTrue(times.stream().allMatch(t -> Math.abs(now - t) < 10_000), "on the wall clock: " + times + " vs " + now);
        }
    }

    @Test
    void reportsPauseWhileTheEnginesHeartbeatIsMissing() throws Exception
    {
        try (ScriptedGateway gateway = new ScriptedGateway();
             Mql5Harness ea = connected(gateway, Map.of()))
        {
            gateway.heartbeat();
            ea.command("quote EURUSD 1.10000 1.10010");
            ea.command("run 200");
            assertTrue(gateway.ofType(Wire.TICK).size() >= 1, "streaming while the engine is heard");

            ea.command("until-log reports\\spaused 4000");   // InpStreamPauseSec, 3 s: before the dead-peer rule's 5 s
            final int ticksBefore = gateway.ofType(Wire.TICK).size();
            for (int i = 0; i < 10; i++)
            {
                ea.command("quote EURUSD 1.1" + i + " 1.1" + i + "02");
                ea.command("run 100");
            }
            assertEquals(ticksBefore, gateway.ofType(Wire.TICK).size(), "no quotes streamed to a silent engine");
            assertTrue(gateway.ofType(Wire.HEARTBEAT).size() >= 1, "its own heartbeats go on");
        }
    }

    @Test
    void theLocalFloorTriesAFailedCloseAgain() throws Exception
    {
        try (Mql5Harness ea = Mql5Harness.start(Map.of(
            "InpPort", Integer.toString(closedPort()),
            "InpLocalEquityFloor", "20000",
            "InpEngineSilenceSec", "1")))
        {
            ea.command("open EURUSD BUY 0.10");
            ea.command("fail-next 10004");
            ea.command("init");
            ea.command("until-log local\\sfloor 3000");
            ea.command("run 1500");   // InpLocalFloorRetryMillis, 1 s

            final List<String> closes = ea.lines("TRADE");
            assertEquals(2, closes.size(), "the requoted close, then the retry: " + closes);
            assertEquals(0, ea.command("positions").stream().filter(l -> l.startsWith("POSITION ")).count());
        }
    }

    @Test
    void theLocalFloorCanBeKeptToTheEnginesPositions() throws Exception
    {
        try (Mql5Harness ea = Mql5Harness.start(Map.of(
            "InpPort", Integer.toString(closedPort()),
            "InpLocalEquityFloor", "20000",
            "InpEngineSilenceSec", "1",
            "InpLocalFloorAllPositions", "false")))
        {
            ea.command("open EURUSD BUY 0.10 magic=777");
            ea.command("global-set rf.1001.777 " + System.currentTimeMillis() / 1000);
            ea.command("open GBPUSD BUY 0.10");
            ea.command("init");
            ea.command("until-log local\\sfloor 3000");
            ea.command("run 500");

            final List<String> open = ea.command("positions").stream().filter(l -> l.startsWith("POSITION ")).collect(Collectors.toList());
            assertEquals(1, open.size(), open.toString());
            assertTrue(open.get(0).contains("symbol=GBPUSD"), "the position opened by hand stays: " + open);
        }
    }

    @Test
    void aClosedPositionIsReportedWithItsCommissionAndFeesAndWhoClosedIt() throws Exception
    {
        try (ScriptedGateway gateway = new ScriptedGateway();
             Mql5Harness ea = connected(gateway, Map.of()))
        {
            ea.command("symbol EURUSD commission=3.5 fee=1.25");
            final String ticket = Mql5Harness.fields(ea.command("open EURUSD BUY 0.10").stream()
                .filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow()).get("position");
            ea.command("quote EURUSD 1.09000 1.09010");
            ea.command("close " + ticket + " reason=CLIENT");
            runUntil(ea, () -> !gateway.ofType(Wire.POSITION_CLOSED).isEmpty(), "POSITION_CLOSED");

            final Map<String, String> deal = Mql5Harness.fields(ea.lines("DEAL").stream()
                .filter(l -> l.contains("entry=OUT")).findFirst().orElseThrow());
            final double charged = Double.parseDouble(deal.get("profit")) + Double.parseDouble(deal.get("swap")) +
                Double.parseDouble(deal.get("commission")) + Double.parseDouble(deal.get("fee"));
            final ScriptedGateway.Frame closed = gateway.ofType(Wire.POSITION_CLOSED).get(0);
            assertTrue(Double.parseDouble(deal.get("fee")) != 0 && Double.parseDouble(deal.get("commission")) != 0, deal.toString());
            assertEquals(charged, closed.doubleAt(Wire.PositionClosed.PROFIT), 1e-9);
            assertEquals(3, closed.intAt(Wire.PositionClosed.REASON), "closed by hand (MANUAL)");
            assertEquals(0.10, closed.doubleAt(Wire.PositionClosed.CLOSED_VOLUME), 1e-9);
        }
    }

    @Test
    void eachStartOfTheEaHasItsOwnInstanceIdOnTheWallClock() throws Exception
    {
        try (ScriptedGateway gateway = new ScriptedGateway();
             Mql5Harness ea = connected(gateway, Map.of()))
        {
            ea.command("restart");
            runUntil(ea, () -> gateway.ofType(Wire.HELLO).size() == 2, "the second start's HELLO");

            final long first = gateway.ofType(Wire.HELLO).get(0).longAt(Wire.Hello.INSTANCE_ID);
            final long second = gateway.ofType(Wire.HELLO).get(1).longAt(Wire.Hello.INSTANCE_ID);
            assertNotEquals(first, second);
            final long now = System.currentTimeMillis();
            assertTrue(Math.abs(now - (second >> 10)) < 10_000, "GMT milliseconds, not the terminal's local time: " + second);
        }
    }

    @Test
    void aGatewayThatNeverAcknowledgesIsLeftAndTheLocalFloorStillHolds() throws Exception
    {
        try (ScriptedGateway mute = new ScriptedGateway();
             Mql5Harness ea = Mql5Harness.start(Map.of(
                 "InpPort", Integer.toString(mute.port()),
                 "InpLocalEquityFloor", "20000",
                 "InpEngineSilenceSec", "3")))
        {
            ea.command("open EURUSD BUY 0.10");
            ea.command("init");
            ea.command("run 2000");
            assertEquals(1, ea.command("positions").stream().filter(l -> l.startsWith("POSITION ")).count(),
                "no close before the engine has been silent for InpEngineSilenceSec");

            // Still in the handshake (the timeout is 5 s): the floor holds all the same.
            ea.command("until-log local\\sfloor 2500");
            ea.command("run 200");
            assertEquals(0, ea.command("positions").stream().filter(l -> l.startsWith("POSITION ")).count());

            ea.command("until-log no\\sHELLO_ACK 3000");
            ea.command("run 1500");
            assertTrue(mute.ofType(Wire.HELLO).size() >= 2, "the EA reconnected after the handshake timeout");
        }
    }

    @Test
    void aShortOrderFrameFromTheGatewayIsNeverExecuted() throws Exception
    {
        try (ScriptedGateway gateway = new ScriptedGateway();
             Mql5Harness ea = Mql5Harness.start(Map.of("InpPort", Integer.toString(gateway.port()))))
        {
            ea.command("init");
            runUntil(ea, () -> !gateway.ofType(Wire.HELLO).isEmpty(), "HELLO");
            gateway.accept();
            // An ORDER_NEW whose frame claims 20 body bytes instead of 64.
            gateway.sendTruncated(ScriptedGateway.eurusdBuy(777, 0.10, System.currentTimeMillis() + 60_000), 20);
            ea.command("until-log malformed 3000");
            ea.command("run 500");
            assertEquals(0, ea.lines().stream().filter(l -> l.startsWith("TRADE ")).count());
        }
    }

    @Test
    void ordersArrivingInOneReadAreInterleavedWithTheEasHeartbeats() throws Exception
    {
        // Each OrderSend blocks the terminal's thread for 700 ms: five orders in one read take 3.5 s, and the
        // EA must not fall silent for all of it.
        try (ScriptedGateway gateway = new ScriptedGateway();
             Mql5Harness ea = Mql5Harness.start(Map.of("InpPort", Integer.toString(gateway.port()))))
        {
            ea.command("trade-latency 700");
            ea.command("init");
            runUntil(ea, () -> !gateway.ofType(Wire.HELLO).isEmpty(), "HELLO");
            final long expiresAt = System.currentTimeMillis() + 60_000;
            gateway.send(
                (b, at) -> Wire.helloAck(b, at, true, 42, ""),
                ScriptedGateway.eurusdBuy(1_000, 0.01, expiresAt),
                ScriptedGateway.eurusdBuy(1_001, 0.01, expiresAt),
                ScriptedGateway.eurusdBuy(1_002, 0.01, expiresAt),
                ScriptedGateway.eurusdBuy(1_003, 0.01, expiresAt),
                ScriptedGateway.eurusdBuy(1_004, 0.01, expiresAt));
            for (int i = 0; i < 60 && results(gateway).size() < 5; i++)
            {
                ea.command("run 100");
            }
            final List<Integer> received = gateway.received.stream().map(f -> f.type).collect(Collectors.toList());
            final int first = received.indexOf(Wire.ORDER_RESULT);
            final int last = received.lastIndexOf(Wire.ORDER_RESULT);
            assertEquals(5, results(gateway).size(), received.toString());
            assertTrue(received.subList(first, last).contains(Wire.HEARTBEAT), "a HEARTBEAT between the first and the last ORDER_RESULT: " + received);
        }
    }

    /** A loopback port nobody listens on: the EA's connects are refused and it stays disconnected. */
    private static int closedPort() throws IOException
    {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return probe.getLocalPort();
        }
    }
}

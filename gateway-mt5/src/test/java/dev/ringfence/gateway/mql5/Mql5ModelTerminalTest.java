package dev.ringfence.gateway.mql5;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.ringfence.gateway.mql5.Mql5Harness.fields;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The model terminal through the control protocol, without a gateway: MT5's documented trade server
 * behaviour that the EA relies on. {@code ordersend} is an OrderSend by a program, {@code open} and
 * {@code close} are trades by hand or by the server.
 */
class Mql5ModelTerminalTest
{
    /** Any program will do (none is started): the probe, so these tests do not depend on the EA. */
    private static final Path PROGRAM = Mql5HarnessBuild.moduleDir().resolve("mql5-harness").resolve("probes").resolve("SurfaceProbe.mq5");

    @BeforeAll
    static void build()
    {
        Mql5HarnessBuild.binary(PROGRAM);
    }

    private static Mql5Harness harness()
    {
        return Mql5Harness.startProgram(PROGRAM, Map.of(), "--unpaced");
    }

    private static Map<String, String> only(final List<String> lines, final String prefix)
    {
        final List<String> matching = lines.stream().filter(l -> l.startsWith(prefix + " ")).collect(Collectors.toList());
        assertEquals(1, matching.size(), "one " + prefix + " line in " + lines);
        return fields(matching.get(0));
    }

    private static int retcode(final Mql5Harness h, final String orderSend)
    {
        return Integer.parseInt(only(h.command("ordersend " + orderSend), "TRADE").get("result.retcode"));
    }

    @Test
    void nettingAddsToOnePositionClosesPartlyAndReversesWithAnInOutDeal()
    {
        try (Mql5Harness h = harness())
        {
            h.command("account mode=netting");
            final String id = only(h.command("open EURUSD BUY 0.1 magic=1"), "RESULT").get("position");
            h.command("quote EURUSD 1.08600 1.08610");
            final Map<String, String> added = only(h.command("open EURUSD BUY 0.2"), "DEAL");
            assertEquals("IN", added.get("entry"));
            assertEquals(id, added.get("position"));
            Map<String, String> position = only(h.command("positions"), "POSITION");
            assertEquals("0.3", position.get("volume"));
            assertEquals(id, position.get("identifier"));
            assertEquals((1.0851 * 0.1 + 1.0861 * 0.2) / 0.3, Double.parseDouble(position.get("price")), 1e-9, "volume-weighted price");

            final Map<String, String> partial = only(h.command("ordersend symbol=EURUSD type=SELL volume=0.1"), "DEAL");
            assertEquals("OUT", partial.get("entry"));
            assertEquals(id, partial.get("position"));
            assertEquals(2.33, Double.parseDouble(partial.get("profit")), 1e-9, "(1.0860 - 1.085767) x 0.1 lot x 100000");
            assertEquals("0.2", only(h.command("positions"), "POSITION").get("volume"));

            final List<String> reversal = h.command("ordersend symbol=EURUSD type=SELL volume=0.5");
            final Map<String, String> inout = only(reversal, "DEAL");
            assertEquals("INOUT", inout.get("entry"));
            assertEquals("0.5", inout.get("volume"));
            assertEquals(id, inout.get("position"));
            position = only(h.command("positions"), "POSITION");
            assertEquals("SELL", position.get("type"));
            assertEquals("0.3", position.get("volume"));
            assertEquals(id, position.get("identifier"), "a reversal keeps the position identifier");
            assertEquals(only(reversal, "TRADE").get("result.order"), position.get("ticket"), "and takes the reversing order's ticket");
        }
    }

    @Test
    void hedgingKeepsOnePositionPerOrderAndClosesByTicket()
    {
        try (Mql5Harness h = harness())
        {
            final String first = only(h.command("open EURUSD BUY 0.1"), "RESULT").get("position");
            h.command("open EURUSD SELL 0.1");
            assertEquals(2, h.command("positions").size());
            assertEquals(10038, retcode(h, "symbol=EURUSD type=SELL volume=0.2 position=" + first), "more than the position's volume");
            assertEquals(10009, retcode(h, "symbol=EURUSD type=SELL volume=0.05 position=" + first));
            assertEquals(10009, retcode(h, "symbol=EURUSD type=SELL volume=0.05 position=" + first));
            assertEquals(10036, retcode(h, "symbol=EURUSD type=SELL volume=0.05 position=" + first), "already closed");
            assertEquals(1, h.command("positions").size());
        }
    }

    @Test
    void returnFillingIsRefusedUnderMarketExecutionAndTheSymbolsFlagsDecide()
    {
        try (Mql5Harness h = harness())
        {
            assertEquals(10030, retcode(h, "symbol=EURUSD type=BUY volume=0.1 filling=RETURN"));
            h.command("symbol GBPUSD filling=IOC");
            assertEquals(10030, retcode(h, "symbol=GBPUSD type=BUY volume=0.1 filling=FOK"));
            assertEquals(10009, retcode(h, "symbol=GBPUSD type=BUY volume=0.1 filling=IOC"));
            h.command("symbol EURUSD exemode=EXCHANGE");
            assertEquals(10009, retcode(h, "symbol=EURUSD type=BUY volume=0.1 filling=RETURN"), "Return is for exchange execution");
        }
    }

    @Test
    void volumesOffTheStepOrOutsideMinMaxAreInvalid()
    {
        try (Mql5Harness h = harness())
        {
            assertEquals(10014, retcode(h, "symbol=EURUSD type=BUY volume=0.015"));
            assertEquals(10014, retcode(h, "symbol=EURUSD type=BUY volume=0.001"));
            assertEquals(10014, retcode(h, "symbol=EURUSD type=BUY volume=100.01"));
            h.command("symbol EURUSD min=0.1 step=0.1");
            assertEquals(10014, retcode(h, "symbol=EURUSD type=BUY volume=0.05"));
            assertEquals(10009, retcode(h, "symbol=EURUSD type=BUY volume=0.3"));
        }
    }

    @Test
    void aClosedMarketOrAWeekendRefusesWith10018AndFreezesTimeCurrent()
    {
        try (Mql5Harness h = harness())
        {
            h.command("market EURUSD closed");
            assertEquals(10018, retcode(h, "symbol=EURUSD type=BUY volume=0.1"));
            assertEquals(10009, retcode(h, "symbol=GBPUSD type=BUY volume=0.1"));
            h.command("market EURUSD open");
            h.command("weekend on");
            assertEquals(10018, retcode(h, "symbol=GBPUSD type=BUY volume=0.1"));
            assertTrue(h.commandFails("quote EURUSD 1.1 1.1001").contains("weekend"));
            h.command("weekend off");
            assertEquals(10009, retcode(h, "symbol=EURUSD type=BUY volume=0.1"));
        }
    }

    @Test
    void permissionsRefuseProgramsAsMt5Does()
    {
        try (Mql5Harness h = harness())
        {
            h.command("permissions terminal=0");
            assertEquals(10027, retcode(h, "symbol=EURUSD type=BUY volume=0.1"), "the terminal's Algo Trading button");
            h.command("open EURUSD BUY 0.1");   // a person can still trade
            h.command("permissions terminal=1 program=0");
            assertEquals(10027, retcode(h, "symbol=EURUSD type=BUY volume=0.1"), "the program's own Allow Algo Trading");
            h.command("permissions program=1 expert=0");
            assertEquals(10026, retcode(h, "symbol=EURUSD type=BUY volume=0.1"), "the broker disallows programs");
            h.command("permissions expert=1 account=0");
            assertEquals(10017, retcode(h, "symbol=EURUSD type=BUY volume=0.1"), "trading disabled for the account");
            assertTrue(h.commandFails("open EURUSD BUY 0.1").startsWith("retcode=10017"));
            h.command("permissions account=1");
            assertEquals(10009, retcode(h, "symbol=EURUSD type=BUY volume=0.1"));
        }
    }

    @Test
    void historyIsVisibleToProgramsOnlyAfterTheDelay()
    {
        try (Mql5Harness h = harness())
        {
            h.command("history-delay 500");
            assertEquals(10009, retcode(h, "symbol=EURUSD type=BUY volume=0.1 magic=42"));
            assertEquals(List.of(), h.command("history"), "not synchronised yet");
            assertEquals(1, h.command("positions").size(), "the position is there at once");
            h.command("run 600");
            assertEquals("42", only(h.command("history"), "HDEAL").get("magic"));
        }
    }

    @Test
    void depositsAndCreditAreDeals()
    {
        try (Mql5Harness h = harness())
        {
            final Map<String, String> deposit = only(h.command("deposit 250"), "DEAL");
            assertEquals("BALANCE", deposit.get("type"));
            assertEquals("250", deposit.get("profit"));
            final Map<String, String> credit = only(h.command("credit 100"), "DEAL");
            assertEquals("CREDIT", credit.get("type"));
            final Map<String, String> account = only(h.command("account?"), "ACCOUNT");
            assertEquals("10250", account.get("balance"));
            assertEquals("100", account.get("credit"));
            assertEquals("10350", account.get("equity"));
        }
    }

    @Test
    void commissionsAndFeesAreChargedOnEachDeal()
    {
        try (Mql5Harness h = harness())
        {
            h.command("symbol EURUSD commission=3.5 fee=0.25");
            final Map<String, String> in = only(h.command("open EURUSD BUY 2"), "DEAL");
            assertEquals("-7", in.get("commission"));
            assertEquals("-0.25", in.get("fee"));
            assertEquals("9992.75", only(h.command("account?"), "ACCOUNT").get("balance"));
        }
    }

    @Test
    void stopLossTakeProfitAndStopOutCloseWithTheirReasons()
    {
        try (Mql5Harness h = harness())
        {
            h.command("open EURUSD BUY 0.1 sl=1.08 magic=5");
            final Map<String, String> sl = only(h.command("quote EURUSD 1.07990 1.08000"), "DEAL");
            assertEquals("SL", sl.get("reason"));
            assertEquals("5", sl.get("magic"));
            assertEquals("[sl 1.08]", sl.get("comment"));
            h.command("open EURUSD SELL 0.1 tp=1.07");
            assertEquals("TP", only(h.command("quote EURUSD 1.06990 1.07000"), "DEAL").get("reason"));
            assertEquals(List.of(), h.command("positions"));

            h.command("account balance=1000 leverage=500");
            h.command("quote EURUSD 1.08500 1.08510");
            h.command("open EURUSD BUY 1");
            final Map<String, String> so = only(h.command("quote EURUSD 1.07600 1.07610"), "DEAL");
            assertEquals("SO", so.get("reason"));
            assertEquals(List.of(), h.command("positions"));
        }
    }

    @Test
    void instantExecutionRequotesBeyondTheDeviationAndStopsMustKeepTheirDistance()
    {
        try (Mql5Harness h = harness())
        {
            h.command("symbol EURUSD exemode=INSTANT");
            final Map<String, String> requote = only(h.command("ordersend symbol=EURUSD type=BUY volume=0.1 price=1.0840 deviation=5"), "TRADE");
            assertEquals("10004", requote.get("result.retcode"));
            assertEquals("1.0851", requote.get("result.ask"));
            assertEquals(10009, retcode(h, "symbol=EURUSD type=BUY volume=0.1 price=1.0851 deviation=0"));
            h.command("requote 1");
            assertEquals(10004, retcode(h, "symbol=EURUSD type=BUY volume=0.1 price=1.0851"));

            h.command("symbol GBPUSD stops=20");
            assertEquals(10016, retcode(h, "symbol=GBPUSD type=BUY volume=0.1 sl=1.2649"), "SL within 20 points of the bid");
            assertEquals(10009, retcode(h, "symbol=GBPUSD type=BUY volume=0.1 sl=1.2640"));
        }
    }

    @Test
    void onlyTheNamesTheTerminalWasGivenExist()
    {
        try (Mql5Harness h = harness())
        {
            h.command("suffix .m");
            assertEquals(10013, retcode(h, "symbol=EURUSD type=BUY volume=0.1"), "no EURUSD at this broker");
            assertEquals(10009, retcode(h, "symbol=EURUSD.m type=BUY volume=0.1"));
        }
    }
    @Test
    void failNextAnswersTheNextOrderSendWithoutExecutingIt()
    {
        try (Mql5Harness h = harness())
        {
            h.command("fail-next 10031");
            final List<String> failed = h.command("ordersend symbol=EURUSD type=BUY volume=0.1");
            assertEquals("10031", only(failed, "TRADE").get("result.retcode"));
            assertTrue(failed.stream().noneMatch(l -> l.startsWith("DEAL ")));
            assertEquals(List.of(), h.command("positions"));
            assertEquals(10009, retcode(h, "symbol=EURUSD type=BUY volume=0.1"));
        }
    }
}

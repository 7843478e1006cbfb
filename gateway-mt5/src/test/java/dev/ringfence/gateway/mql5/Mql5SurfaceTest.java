package dev.ringfence.gateway.mql5;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The MQL5 surface of mql5.h, exercised by a probe program (mql5-harness/probes/SurfaceProbe.mq5) that
 * prints what each function returned; the expected values are those of the MQL5 reference.
 */
class Mql5SurfaceTest
{
    private static Path probe()
    {
        return Mql5HarnessBuild.moduleDir().resolve("mql5-harness").resolve("probes").resolve("SurfaceProbe.mq5");
    }

    private static Map<String, String> results(final List<String> lines)
    {
        final Map<String, String> results = new LinkedHashMap<>();
        for (final String line : lines)
        {
            if (line.startsWith("LOG probe "))
            {
                final String entry = line.substring("LOG probe ".length());
                final int eq = entry.indexOf('=');
                results.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return results;
    }

    private static int closedPort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    @Test
    void everyFunctionAnswersAsTheReferenceSays() throws Exception
    {
        Mql5HarnessBuild.requireCompiler();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Mql5Harness h = Mql5Harness.startProgram(probe(), Map.of("InpClosedPort", Integer.toString(closedPort()),
                 "InpServerPort", Integer.toString(server.getLocalPort()))))
        {
            h.command("open EURUSD BUY 0.1 magic=77");
            final Map<String, String> r = results(h.command("init"));
            final Map<String, String> expected = new LinkedHashMap<>();
            expected.put("trimmed", "4:EURUSD.m");
            expected.put("find", "6,-1");
            expected.put("substr", "EURUSD,.m");
            expected.put("len", "8");
            expected.put("upper", "EURUSD");
            expected.put("replace", "2:a+b+c");
            expected.put("format", "-1234567890123|x|1.23457|7|  2.2|ff|%");
            expected.put("printformat", "18446744073709551615/-5/ok");
            expected.put("double", "1.235,2");
            expected.put("integer", "00042");
            expected.put("toint", "123");
            expected.put("todouble", "150.0");
            expected.put("normalize", "1.23460000");
            expected.put("split", "4:XAUUSD:");
            expected.put("tochars", "3:3:0");
            expected.put("fromchars", "AB");
            expected.put("literals", "ab");
            expected.put("resize", "5");
            expected.put("copy", "00123");
            expected.put("fill", "7997");
            expected.put("free", "0");
            expected.put("reserve", "2");
            expected.put("copygrow", "3:5");
            expected.put("structsize", "1:16");
            expected.put("roundtrip", "1:2:A");
            expected.put("short", "00");
            expected.put("zero", "0::0.0");
            expected.put("rounding", "-2.0,2.0,3.0,3.0");
            expected.put("minmax", "7,-2.5");
            expected.put("valid", "10");
            expected.put("rand", "repeatable");
            expected.put("gv", "1:1.5:1:1");
            expected.put("gvmissing", "0.0:4501");
            expected.put("gvname", "probe.a");
            expected.put("gvtime", "set");
            expected.put("gvcondition", "10");
            expected.put("gvdel", "10");
            expected.put("gvtemp", "1");
            expected.put("exist", "100");
            expected.put("symbols", "4:EURUSD");
            expected.put("digits", "3");
            expected.put("exemode", "1");
            expected.put("levels", "0,0");
            expected.put("trademode", "1");
            expected.put("filling", "3");
            expected.put("ticksize", "0.01,0.01");
            expected.put("quote", "1.08500/1.08510");
            expected.put("volumes", "0.01,0.01,100");
            expected.put("tick", "1:1.26500");
            expected.put("unknown", "0.0:4301");
            expected.put("permissions", "11111");
            expected.put("account", "1001:1");
            expected.put("money", "10000.00:0.00:USD");
            expected.put("servertime", "7200");
            expected.put("localtime", "0");
            expected.put("current", "live");
            expected.put("struct", "1970.1.2 1:1:1");
            expected.put("timestring", "1970.01.02 01:01:01");
            expected.put("ticks", "ok");
            expected.put("stopped", "0");
            expected.put("position", "1:77:EURUSD:0.10");
            expected.put("byposition", "1:1");
            expected.put("order", "1:1:0.10");
            expected.put("deal", "EURUSD:1:0.00");
            expected.put("dealselect", "1:1");
            expected.put("orderselect", "1:1");
            expected.put("pending", "0:0");
            expected.put("socket", "created");
            expected.put("timeouts", "1");
            expected.put("connect", "0:5272");
            expected.put("closed", "0:5270");
            expected.put("server", "111");
            expected.put("readable", "1:-1:0");
            expected.put("flood", "stopped:5273:timed");
            for (final Map.Entry<String, String> e : expected.entrySet())
            {
                assertEquals(e.getValue(), r.get(e.getKey()), e.getKey());
            }
            assertEquals(expected.keySet(), r.keySet(), "every probe checked");
        }
    }

    @Test
    void anArrayOutOfRangeStopsTheProgramAtItsMq5Line() throws Exception
    {
        Mql5HarnessBuild.requireCompiler();
        final List<String> source = Files.readAllLines(probe());
        final int line = source.indexOf("      values[2] = 1;") + 1;
        assertTrue(line > 0);
        try (Mql5Harness h = Mql5Harness.startProgram(probe(), Map.of("InpFault", "1", "InpClosedPort", Integer.toString(closedPort())), "--unpaced"))
        {
            h.command("init");
            final String error = h.commandFails("timer 1");
            assertTrue(error.contains("critical error: array out of range (index 2, size 2) in 'SurfaceProbe.mq5' (" + line + ")"), error);
            assertTrue(h.commandFails("timer 1").contains("no program"), "the program was removed");
        }
    }

    @Test
    void anIntegerDivisionByZeroStopsTheProgram() throws Exception
    {
        Mql5HarnessBuild.requireCompiler();
        try (Mql5Harness h = Mql5Harness.startProgram(probe(), Map.of("InpFault", "2", "InpClosedPort", Integer.toString(closedPort())), "--unpaced"))
        {
            h.command("init");
            assertTrue(h.commandFails("timer 1").contains("critical error: zero divide"));
        }
    }
}

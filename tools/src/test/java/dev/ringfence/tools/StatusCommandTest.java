package dev.ringfence.tools;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** {@code ringfence status} against a real local HTTP server answering like the engine's /status and /health. */
class StatusCommandTest
{
    private static final String STATUS = "{\"time\":1763800000000,\"guardState\":\"ACTIVE\",\"entries\":\"ACTIVE\",\"halted\":false," +
        "\"degraded\":false,\"reconciling\":false,\"rebaseRequired\":false,\"loopRunning\":true,\"equity\":10250.5000," +
        "\"balance\":10000.0000,\"peak\":10400.0000,\"drawdownPercent\":1.4375,\"drawdownRemainingPercent\":8.5625," +
        "\"equityFloorDistance\":890.5000,\"dailyLossUsedPercent\":12.5000,\"dailyLossRemaining\":437.5000,\"openPositions\":2," +
        "\"pendingOrders\":1,\"terminalConnected\":true,\"lastHeartbeat\":1763799998800,\"signalsReceived\":7,\"tradesExecuted\":5," +
        "\"tradesFailed\":1,\"errors\":0}";

    private static final String TRIPPED = "{\"time\":1763800000000,\"guardState\":\"LOCKED\",\"entries\":\"LOCKED\",\"halted\":true," +
        "\"degraded\":false,\"reconciling\":false,\"rebaseRequired\":false,\"loopRunning\":true,\"equity\":9000.0000," +
        "\"balance\":9000.0000,\"peak\":10400.0000,\"drawdownPercent\":13.4615,\"drawdownRemainingPercent\":0.0000," +
        "\"equityFloorDistance\":null,\"dailyLossUsedPercent\":null,\"dailyLossRemaining\":null,\"openPositions\":0," +
        "\"pendingOrders\":0,\"terminalConnected\":false,\"lastHeartbeat\":1763799970000,\"signalsReceived\":7,\"tradesExecuted\":5," +
        "\"tradesFailed\":1,\"errors\":0}";

    private HttpServer server;

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.stop(0);
        }
    }

    @Test
    void aHealthyEnginePrintsItsStateInReadableLinesAndExitsZero() throws IOException
    {
        final String url = serve(STATUS, 200, "{\"status\":\"ok\",\"guardState\":\"ACTIVE\",\"entries\":\"ACTIVE\",\"halted\":false}");

        final Run run = run("status", "--url", url);

        assertEquals(0, run.exit, run.err);
        assertEquals("", run.err);
        final String out = run.out;
        assertTrue(out.contains("engine     " + url + "  HEALTHY"), out);
        assertTrue(out.contains("guard      ACTIVE\n") || out.contains("guard      ACTIVE" + System.lineSeparator()), out);
        assertTrue(out.contains("entries    allowed"), out);
        assertTrue(out.contains("equity     10,250.50  balance 10,000.00  peak 10,400.00"), out);
        assertTrue(out.contains("drawdown   1.44% (8.56% left before the cap), floor 890.50 away"), out);
        assertTrue(out.contains("daily loss 12.50% of the limit used, 437.50 left"), out);
        assertTrue(out.contains("positions  2 open, 1 pending orders"), out);
        assertTrue(out.contains("terminal   connected, last heartbeat 1.2 s ago"), out);
        assertTrue(out.contains("health     ok"), out);
        assertTrue(out.lines().count() <= 12, "a few lines: " + out);
    }

    @Test
    void anUnhealthyEnginePrintsTheReasonsAndWhyEntriesAreRefusedAndExitsOne() throws IOException
    {
        final String url = serve(TRIPPED, 503, "{\"status\":\"unhealthy\",\"reasons\":[\"no heartbeat for more than 11000 ms\"," +
            "\"the terminal is not connected\"],\"guardState\":\"LOCKED\",\"entries\":\"LOCKED\",\"halted\":true,\"notes\":[\"halted by operator\"]}");

        final Run run = run("status", "--url", url + "/");

        assertEquals(1, run.exit);
        final String out = run.out;
        assertTrue(out.contains("UNHEALTHY"), out);
        assertTrue(out.contains("guard      LOCKED (HALTED by operator)"), out);
        assertTrue(out.contains("entries    refused: LOCKED"), out);
        assertTrue(out.contains("floor n/a away"), out);
        assertTrue(out.contains("daily loss no daily limit in force"), out);
        assertTrue(out.contains("terminal   NOT connected, last heartbeat 30 s ago"), out);
        assertTrue(out.contains("  - no heartbeat for more than 11000 ms"), out);
        assertTrue(out.contains("  - the terminal is not connected"), out);
    }

    @Test
    void entriesRefusedForAReasonOtherThanTheGuardStateNameTheReason() throws IOException
    {
        final String url = serve(STATUS.replace("\"entries\":\"ACTIVE\"", "\"entries\":\"REBASE_REQUIRED\""), 200, "{\"status\":\"ok\"}");

        final Run run = run("status", "--url", url);

        assertEquals(0, run.exit);
        assertTrue(run.out.contains("entries    refused: REBASE_REQUIRED"), run.out);
    }

    @Test
    void aTerminalThatDoesNotPermitTradingAndSymbolsWithoutSpecAreNamed() throws IOException
    {
        final String status = STATUS.replace("\"entries\":\"ACTIVE\"", "\"entries\":\"TRADING_NOT_PERMITTED\"")
            .replace("\"errors\":0}", "\"errors\":0,\"tradePermissions\":{\"terminal\":false,\"program\":true,\"account\":true," +
                "\"expert\":false},\"symbolsWithoutSpec\":[\"USDJPY\"],\"symbolsRefused\":[\"XAUUSD\"]}");
        final String url = serve(status, 503, "{\"status\":\"unhealthy\",\"reasons\":[\"the terminal does not permit trading " +
            "(missing TERMINAL+EXPERT): new entries are denied, closes are still attempted\"]}");

        final Run run = run("status", "--url", url);

        assertEquals(1, run.exit);
        assertTrue(run.out.contains("entries    refused: TRADING_NOT_PERMITTED"), run.out);
        assertTrue(run.out.contains("terminal   connected, last heartbeat 1.2 s ago, trading NOT permitted (missing: terminal, expert)"),
            run.out);
        assertTrue(run.out.contains("symbols    no entries on XAUUSD (spec refused), USDJPY (no spec from the terminal)"), run.out);
        assertTrue(run.out.contains("  - the terminal does not permit trading (missing TERMINAL+EXPERT)"), run.out);
    }

    @Test
    void jsonPrintsTheRawStatusAndTheExitCodeStillFollowsHealth() throws IOException
    {
        final String url = serve(STATUS, 503, "{\"status\":\"unhealthy\",\"reasons\":[\"the gateway thread has stopped\"]}");

        final Run run = run("status", "--url", url, "--json");

        assertEquals(1, run.exit);
        assertEquals(STATUS, run.out.strip());
        assertTrue(run.err.contains("the gateway thread has stopped"), run.err);
    }

    @Test
    void anEngineThatCannotBeReachedExitsTwoNamingTheUrlAndHowToStartOne() throws IOException
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        final String url = "http://127.0.0.1:" + port;

        final Run run = run("status", "--url", url, "--timeout", "2s");

        assertEquals(2, run.exit);
        assertEquals("", run.out);
        assertTrue(run.err.contains("cannot reach the engine at " + url + " (connection refused)"), run.err);
        assertTrue(run.err.contains("ringfence run"), run.err);
        assertTrue(run.err.contains("--url"), run.err);
    }

    @Test
    void somethingElseAnsweringIsNotTakenForAnEngine() throws IOException
    {
        final String url = serve("<html>hello</html>", 200, "<html>hello</html>");

        final Run run = run("status", "--url", url);

        assertEquals(2, run.exit);
        assertTrue(run.err.contains("not like a Ringfence engine"), run.err);
    }

    private String serve(final String status, final int healthCode, final String health) throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/status", exchange -> answer(exchange, 200, status));
        server.createContext("/health", exchange -> answer(exchange, healthCode, health));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(final com.sun.net.httpserver.HttpExchange exchange, final int code, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    private record Run(int exit, String out, String err)
    {
    }

    private static Run run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = RingfenceCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int exit = cli.execute(args);
        return new Run(exit, out.toString().replace(System.lineSeparator(), "\n"), err.toString());
    }
}

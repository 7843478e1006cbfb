package dev.ringfence.gateway.mql5;

import dev.ringfence.gateway.wire.Wire;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The runtime under the EA: sockets over real TCP, inputs, lifecycle, global variables, the control protocol. */
class Mql5HarnessTest
{
    private static int closedPort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static String ascii(final ByteBuffer b, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        b.get(offset, bytes);
        int end = 0;
        while (end < length && bytes[end] != 0)
        {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    @Test
    void theEaConnectsAndSendsItsHelloAsProtocolMdLaysItOut() throws Exception
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Mql5Harness h = Mql5Harness.start(Map.of("InpPort", Integer.toString(server.getLocalPort()), "InpSecret", "s3cret")))
        {
            server.setSoTimeout(10_000);
            h.command("init");
            h.command("timer 1");
            try (Socket socket = server.accept())
            {
                socket.setSoTimeout(10_000);
                final InputStream in = socket.getInputStream();
                final int length = Wire.HEADER_LENGTH + Wire.bodyLength(Wire.HELLO);
                final ByteBuffer frame = ByteBuffer.wrap(in.readNBytes(length)).order(ByteOrder.LITTLE_ENDIAN);
                assertEquals(length, frame.getInt(0), "frame length: the header and HELLO's body");
                assertEquals(Wire.HELLO, frame.getShort(4), "HELLO");
                assertEquals(Wire.VERSION, frame.getShort(6), "the gateway's protocol version");
                assertEquals(1001, frame.getLong(8), "the model account's login");
                assertEquals(2, frame.getInt(8 + 20), "hedging");
                assertEquals(7200, frame.getInt(8 + 16), "the server's offset from GMT");
                assertEquals("Ringfence-Harness", ascii(frame, 8 + 24, 32));
                assertEquals("USD", ascii(frame, 8 + 56, 4));
                assertEquals("s3cret", ascii(frame, 8 + 60, 32));
            }
        }
    }

    @Test
    void aRefusedConnectionIsError5272() throws Exception
    {
        try (Mql5Harness h = Mql5Harness.start(Map.of("InpPort", Integer.toString(closedPort()))))
        {
            h.command("init");
            h.untilLog("cannot connect to 127\\.0\\.0\\.1:\\d+, error 5272", 2_000);
        }
    }

    @Test
    void aHostOffTheAllowListIsError4014()
    {
        try (Mql5Harness h = Mql5Harness.start(Map.of("InpHost", "192.0.2.1")))
        {
            h.command("init");
            h.untilLog("error 4014", 2_000);
        }
    }

    @Test
    void unknownInputsCommandsAndTimeoutsAnswerErr()
    {
        try (Mql5Harness h = Mql5Harness.start(Map.of("InpNoSuchInput", "1"), "--unpaced"))
        {
            assertTrue(h.commandFails("init").contains("unknown input InpNoSuchInput"));
            assertTrue(h.commandFails("frobnicate").contains("unknown command"));
            assertTrue(h.commandFails("timer 1").contains("no program"));
        }
        try (Mql5Harness h = Mql5Harness.start(Map.of("InpPort", "1"), "--unpaced"))
        {
            h.command("init");
            assertTrue(h.commandFails("until-log never-printed 300").contains("no LOG line matched"));
        }
    }

    @Test
    void globalVariablesAndTheModelTerminalOutliveARestartWhichRecreatesTheProgram()
    {
        final java.nio.file.Path probe = Mql5HarnessBuild.moduleDir().resolve("mql5-harness/probes/SurfaceProbe.mq5");
        try (Mql5Harness h = Mql5Harness.startProgram(probe, Map.of(), "--unpaced"))
        {
            h.command("global-set rf.sent.7 1");
            h.command("open EURUSD BUY 0.1 magic=7");
            assertTrue(h.command("init").contains("LOG probe position=1:7:EURUSD:0.10"));
            h.command("timer 2");
            final List<String> again = h.command("restart");
            assertTrue(again.contains("LOG probe gv=1:1.5:1:3"), "OnInit ran again on a new instance, with the terminal's variables: " + again);
            assertEquals(1, h.command("positions").size());
            assertTrue(h.command("globals").contains("GLOBAL rf.sent.7=1"));
        }
    }
}

package dev.ringfence.tools.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The gateway's handshake keys: documented defaults, loaded from a file, refused out of range. */
class GatewayHandshakeConfigTest
{
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes()
    {
        final RingfenceConfig c = new ConfigLoader().environment(Map.of()).load();
        assertEquals(2_000, c.gateway.handshakeTimeoutMillis);
        assertEquals(8, c.gateway.maxPendingHandshakes);
        assertEquals(5.0, c.gateway.refusedHandshakesPerSecond);
    }

    @Test
    void theKeysAreReadFromTheFile() throws IOException
    {
        final Path file = dir.resolve("ringfence.conf");
        Files.writeString(file, "gateway { handshakeTimeoutMillis = 500, maxPendingHandshakes = 2, refusedHandshakesPerSecond = 0.5 }\n");
        final RingfenceConfig c = new ConfigLoader().environment(Map.of()).file(file).load();
        assertEquals(500, c.gateway.handshakeTimeoutMillis);
        assertEquals(2, c.gateway.maxPendingHandshakes);
        assertEquals(0.5, c.gateway.refusedHandshakesPerSecond);
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheKey() throws IOException
    {
        final Path file = dir.resolve("ringfence.conf");
        Files.writeString(file, "gateway.maxPendingHandshakes = 0\n");
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> new ConfigLoader().environment(Map.of()).file(file).load());
        assertTrue(failure.getMessage().contains("gateway.maxPendingHandshakes"), failure.getMessage());
    }
}

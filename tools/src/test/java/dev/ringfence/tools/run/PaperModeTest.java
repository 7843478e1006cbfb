package dev.ringfence.tools.run;

import dev.ringfence.gateway.bridge.GatewayConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Paper mode's gateway: its own loopback port and secret, the configured timings kept. */
class PaperModeTest
{
    @Test
    void thePaperGatewayKeepsTheConfiguredTimingsOnItsOwnLoopbackPort()
    {
        final GatewayConfig configured = new GatewayConfig();
        configured.bind = "0.0.0.0";
        configured.port = 7788;
        configured.heartbeatMillis = 700;
        configured.deadAfterMillis = 3_500;
        configured.handshakeTimeoutMillis = 1_500;
        configured.idleWaitMillis = 20;

        final GatewayConfig paper = PaperMode.gateway(configured);

        assertEquals("127.0.0.1", paper.bind);
        assertEquals(0, paper.port);
        assertNotEquals(configured.secret, paper.secret);
        assertEquals(700, paper.heartbeatMillis);
        assertEquals(3_500, paper.deadAfterMillis);
        assertEquals(1_500, paper.handshakeTimeoutMillis);
        assertEquals(20, paper.idleWaitMillis);
    }
}

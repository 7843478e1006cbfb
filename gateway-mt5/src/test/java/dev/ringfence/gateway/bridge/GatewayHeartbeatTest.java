package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.event.InboundEventType;
import dev.ringfence.gateway.wire.Wire;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Heartbeats and the dead-peer deadline on a fake clock: the gateway's duty cycle is driven by hand, so each
 * assertion is about a moment the test chose. Its heartbeats vouch for the business thread.
 */
class GatewayHeartbeatTest
{
    @Test
    void heartbeatsFollowTheClockAndStopWhileTheBusinessThreadIsStuck() throws Exception
    {
        try (DrivenGateway rig = new DrivenGateway(config -> config.heartbeatMillis = 100);
            RawClient client = rig.connect())
        {
            rig.pump(client, () -> client.heartbeats == 1, "the first heartbeat, sent as the session starts");
            rig.idle(client, 20);
            assertEquals(1, client.heartbeats, "no time passed: no second heartbeat");

            rig.advance(99);
            rig.idle(client, 20);
            assertEquals(1, client.heartbeats, "not yet due");

            rig.advance(1);
            rig.pump(client, () -> client.heartbeats == 2, "the heartbeat due after 100 ms");
            rig.idle(client, 20);
            assertEquals(2, client.heartbeats, "one per period");

            rig.engineAlive = false;
            rig.advance(300);
            rig.idle(client, 20);
            assertEquals(2, client.heartbeats, "a stuck engine is a silent engine");

            rig.engineAlive = true;
            rig.pump(client, () -> client.heartbeats == 3, "heartbeats again once the business thread progresses");
        }
    }

    @Test
    void aWrongSecretIsAnsweredWithTheReasonAndNoHeartbeats() throws Exception
    {
        try (DrivenGateway rig = new DrivenGateway(config -> { });
            RawClient client = new RawClient(rig.port))
        {
            client.hello("guess").send();
            rig.pump(client, () -> client.endOfStream, "the refusal and the close");
            assertEquals(0, client.accepted);
            assertEquals("SECRET", client.reason);
            assertEquals(0, client.heartbeats);
            assertEquals(0, rig.inbound.count(InboundEventType.TERMINAL_STATUS));
        }
    }

    @Test
    void aTerminalSilentForLongerThanDeadAfterMillisIsDisconnected() throws Exception
    {
        try (DrivenGateway rig = new DrivenGateway(config ->
            {
                config.heartbeatMillis = 500;
                config.deadAfterMillis = 1_000;
            });
            RawClient client = rig.connect())
        {
            rig.advance(600);
            client.frame((buffer, at) -> Wire.heartbeat(buffer, at, Wire.HEARTBEAT, 42)).send();
            rig.idle(client, 20); // the terminal's heartbeat arrives at 600 ms: the deadline moves to 1,600 ms

            rig.advance(1_000);
            rig.idle(client, 20);
            assertFalse(client.endOfStream, "heard from 1,000 ms ago: still alive");
            assertTrue(rig.gateway.counters().isTerminalConnected());

            rig.advance(1);
            rig.pump(client, () -> client.endOfStream, "the dead peer closed");
            assertFalse(rig.gateway.counters().isTerminalConnected());
            assertEquals(2, rig.inbound.count(InboundEventType.TERMINAL_STATUS), "connected, then disconnected");
            assertFalse(rig.inbound.lastTerminalStatus);
        }
    }
}

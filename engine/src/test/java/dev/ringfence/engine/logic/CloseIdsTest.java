package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.event.AdminCommand;
import dev.ringfence.engine.event.GuardState;
import dev.ringfence.engine.event.ReturnCodes;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Close ids never repeat across engine lifetimes, and a replay of the same inputs makes the same ones. */
class CloseIdsTest
{
    /** One lifetime: start at {@code startMillis}, three positions, flatten; returns the close ids sent. */
    private static List<Long> flattenThreePositions(final long startMillis)
    {
        final EngineHarness h = new EngineHarness();
        h.now = startMillis;
        h.startConnected(10_000);
        h.positions(1, -10, 0, 2, -20, 0, 3, -30, 0);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "op");
        return h.commands("close").stream().map(c -> c.clientOrderId).collect(Collectors.toList());
    }

    @Test
    void twoEngineLifetimesNeverReuseACloseId()
    {
        // The second engine starts a second later with a new journal (or none), as after a restart.
        final List<Long> first = flattenThreePositions(EngineHarness.T0);
        final List<Long> second = flattenThreePositions(EngineHarness.T0 + 1_000);
        assertEquals(3, first.size());
        assertEquals(3, second.size());
        final Set<Long> all = new HashSet<>(first);
        all.addAll(second);
        assertEquals(6, all.size(), "a counter restarting at 1 would have given both lifetimes the same ids: " + first + " " + second);
        for (final long id : all)
        {
            assertNotEquals(0, id & Flattener.CLOSE_ID_BIT, "every close id has the close bit");
            assertTrue(id > 0);
        }
    }

    @Test
    void aReplayOfTheSameInputsMakesTheSameIds()
    {
        assertEquals(flattenThreePositions(EngineHarness.T0), flattenThreePositions(EngineHarness.T0));
    }

    @Test
    void aLifetimeThatReplaysTheLastOneGoesOnWithoutReusingItsIds()
    {
        // Rebuilt from the first lifetime's inputs (as recovery does), then a second flatten in the same millisecond.
        final EngineHarness h = new EngineHarness().startConnected(10_000);
        h.positions(1, -10, 0, 2, -20, 0);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "op");
        for (final EngineHarness.Command close : h.commands("close"))
        {
            h.orderResult(close.clientOrderId, ReturnCodes.DONE, close.ticket, 1.1, 1.0);
        }
        h.positions();
        h.account(10_000, 10_000);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.REARM, "op");
        assertEquals(GuardState.ACTIVE, h.status().guardState);
        h.positions(3, -10, 0, 4, -20, 0);
        h.engine.inbound().operatorCommands().admin(h.now, AdminCommand.FLATTEN, "op");
        final Set<Long> ids = h.commands("close").stream().map(c -> c.clientOrderId).collect(Collectors.toSet());
        assertEquals(4, h.commands("close").size());
        assertEquals(4, ids.size(), "a sequence within the millisecond keeps them apart");
    }
}

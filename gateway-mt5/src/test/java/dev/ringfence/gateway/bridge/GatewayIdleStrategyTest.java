package dev.ringfence.gateway.bridge;

import dev.ringfence.engine.command.Resync;
import dev.ringfence.gateway.CommandRing;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.channels.ClosedSelectorException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the idle gateway thread waits: for a socket or a command, in the selector, never longer than its bound. */
class GatewayIdleStrategyTest
{
    private final CommandRing commands = new CommandRing(1024);
    private final RecordingWait sockets = new RecordingWait();
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[64]);
    private boolean retrying;

    /** A selector stand-in: records each wait and, while one is under way, whether a command woke it. */
    private final class RecordingWait implements GatewayIdleStrategy.SocketWait
    {
        final List<Long> waits = new ArrayList<>();
        int wakeUps;
        Runnable duringWait = () -> { };
        boolean canWait = true;

        @Override
        public boolean awaitReady(final long timeoutMillis)
        {
            waits.add(timeoutMillis);
            duringWait.run();
            return canWait;
        }

        @Override
        public void wakeUp()
        {
            wakeUps++;
        }
    }

    private void queueCommand()
    {
        final Resync.Encoder resync = new Resync.Encoder().wrap(body, 0).lookupClientOrderId(7);
        assertTrue(commands.send(resync.type(), resync.buffer(), resync.offset(), resync.length()));
    }

    private static void idleCycles(final GatewayIdleStrategy idle, final int cycles)
    {
        for (int i = 0; i < cycles; i++)
        {
            idle.idle(0);
        }
    }

    @Test
    void itSpinsAndYieldsBeforeItWaitsInTheSelector()
    {
        final GatewayIdleStrategy idle = new GatewayIdleStrategy(sockets, commands, () -> retrying, 1);

        idleCycles(idle, 20);
        assertEquals(List.of(), sockets.waits);

        idle.idle(0);
        assertEquals(List.of(1L), sockets.waits);
    }

    @Test
    void itWaitsItsBound()
    {
        idleCycles(new GatewayIdleStrategy(sockets, commands, () -> retrying, 1), 21);
        idleCycles(new GatewayIdleStrategy(sockets, commands, () -> retrying, 3), 21);

        assertEquals(List.of(1L, 3L), sockets.waits);
    }

    @Test
    void aCommandQueuedDuringTheWaitWakesTheSelector()
    {
        final GatewayIdleStrategy idle = new GatewayIdleStrategy(sockets, commands, () -> retrying, 1);
        sockets.duringWait = this::queueCommand;

        idleCycles(idle, 21);

        assertEquals(1, sockets.wakeUps);
    }

    @Test
    void aCommandQueuedOnceTheWaitIsOverWakesNothing()
    {
        final GatewayIdleStrategy idle = new GatewayIdleStrategy(sockets, commands, () -> retrying, 1);
        idleCycles(idle, 21);

        queueCommand();

        assertEquals(1, sockets.waits.size());
        assertEquals(0, sockets.wakeUps);
    }

    @Test
    void aCommandAlreadyQueuedIsNotWaitedFor()
    {
        final GatewayIdleStrategy idle = new GatewayIdleStrategy(sockets, commands, () -> retrying, 1);
        queueCommand();

        idleCycles(idle, 30);

        assertEquals(List.of(), sockets.waits);
    }

    @Test
    void workStartsTheBackOffAgain()
    {
        final GatewayIdleStrategy idle = new GatewayIdleStrategy(sockets, commands, () -> retrying, 1);
        idleCycles(idle, 21);

        idle.idle(1);
        idleCycles(idle, 20);

        assertEquals(1, sockets.waits.size());
    }

    @Test
    void aSelectorThatCannotWaitIsTriedAgainAtTheNextIdleCall()
    {
        final GatewayIdleStrategy idle = new GatewayIdleStrategy(sockets, commands, () -> retrying, 1);
        sockets.canWait = false;

        idleCycles(idle, 22);

        assertEquals(2, sockets.waits.size(), "each idle call past the back-off tries the selector once");
    }

    @Test
    void aWaitThatThrowsIsAWaitThatDidNotHappen()
    {
        final GatewayIdleStrategy idle = new GatewayIdleStrategy(sockets, commands, () -> retrying, 1);
        sockets.duringWait = () ->
        {
            throw new ClosedSelectorException();
        };

        idleCycles(idle, 22);

        assertEquals(2, sockets.waits.size());
    }

    @Test
    void aVirtualMachineErrorInTheWaitEndsTheThreadThroughTheRunner()
    {
        final GatewayIdleStrategy idle = new GatewayIdleStrategy(sockets, commands, () -> retrying, 1);
        final OutOfMemoryError fatal = new OutOfMemoryError("test");
        sockets.duringWait = () ->
        {
            throw fatal;
        };
        idleCycles(idle, 20);

        final AgentTerminationException thrown = assertThrows(AgentTerminationException.class, () -> idle.idle(0));
        assertSame(fatal, thrown.getCause());
    }

    @Test
    void whileRetryingItDoesNotWaitInTheSelector()
    {
        final GatewayIdleStrategy idle = new GatewayIdleStrategy(sockets, commands, () -> retrying, 1);
        retrying = true;

        idleCycles(idle, 25);
        assertEquals(List.of(), sockets.waits);

        retrying = false;
        idle.idle(0);
        assertEquals(List.of(1L), sockets.waits);
    }
}

package dev.ringfence.engine.logic;

import dev.ringfence.engine.EngineHarness;
import dev.ringfence.engine.OpenPositions;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The status board shows the positions the engine believes in, copied only when they change. */
class StatusBoardPositionsTest
{
    private final StatusBoard board = new StatusBoard();

    @Test
    void theBoardFollowsFillsSnapshotsAndClosesAndCopiesOnlyOnChange()
    {
        final EngineHarness h = new EngineHarness();
        h.engine.statusBoard(board);
        h.startConnected(10_000);
        h.advance(100);
        assertEquals(0, board.positions.count());

        h.positions(101, 12, 0, 102, -3, 0);
        h.advance(100);
        final OpenPositions two = board.positions;
        assertEquals(2, two.count());
        assertEquals(101, two.ticket(0));
        assertEquals(h.symbol("EURUSD"), two.symbolId(0));
        assertEquals(Side.BUY, two.side(0));
        assertEquals(1.0, two.volume(0));
        assertEquals(1.1, two.openPrice(0));
        assertEquals(12.0, two.profit(0));
        assertEquals(-3.0, two.profit(1));

        h.advance(100);
        assertSame(two, board.positions, "no change, no new copy");

        h.positions(102, -5, 0);
        h.advance(100);
        assertEquals(1, board.positions.count());
        assertEquals(102, board.positions.ticket(0));
        assertEquals(-5.0, board.positions.profit(0));
        assertEquals(2, two.count(), "a published copy never changes");
    }
}

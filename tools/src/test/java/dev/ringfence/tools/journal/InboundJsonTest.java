package dev.ringfence.tools.journal;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEntry;
import dev.ringfence.engine.event.Side;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@code journal dump} writes an inbound event's symbol. */
class InboundJsonTest
{
    private final InboundJson json = new InboundJson(new SymbolTable(new EngineConfig().symbols));
    private final InboundEntry entry = new InboundEntry();

    @Test
    void aKnownSymbolIsNamed()
    {
        entry.ports().terminalReports().tick(1_000, 0, 1.1, 1.1002);

        final String line = json.toJson(7, entry.event());

        assertTrue(line.contains("\"symbol\":\"EURUSD\",\"bid\":1.1"), line);
    }

    @Test
    void aSymbolTheConfigurationDoesNotKnowKeepsItsId()
    {
        entry.ports().terminalReports().tick(1_000, 42, 1.1, 1.1002);

        final String line = json.toJson(7, entry.event());

        assertTrue(line.contains("\"symbol\":null,\"symbolId\":42,\"bid\":1.1"), line);
    }

    @Test
    void aSymbolNoConfiguredNameMatchedKeepsTheUnknownId()
    {
        entry.ports().signals().signal(1_000, "s-1", SymbolTable.UNKNOWN, Side.BUY, 0.1, 0, 0, 0, 0);

        final String line = json.toJson(7, entry.event());

        assertTrue(line.contains("\"symbol\":null,\"symbolId\":-1,\"side\":\"BUY\""), line);
    }
}

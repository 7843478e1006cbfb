package dev.ringfence.tools.journal;

import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.journal.Journal;

import java.nio.file.Path;

/** An existing journal opened for the journal tools, with the configuration its history was made with. */
final class RecordedJournal implements AutoCloseable
{
    final Path dir;
    final Journal journal;
    final EngineConfig config;
    final SymbolTable symbols;

    private RecordedJournal(final Path dir, final Journal journal, final EngineConfig config)
    {
        this.dir = dir;
        this.journal = journal;
        this.config = config;
        this.symbols = new SymbolTable(config.symbols);
    }

    /** @throws IllegalArgumentException when {@code dir} holds no journal. */
    static RecordedJournal open(final Path dir)
    {
        if (!Journal.exists(dir))
        {
            throw new IllegalArgumentException(dir + " holds no journal (expected " + dir.resolve(Journal.INBOUND) + ")");
        }
        final Journal journal = Journal.open(dir);
        return new RecordedJournal(dir, journal, journal.reader().recordedConfig());
    }

    @Override
    public void close()
    {
        journal.close();
    }
}

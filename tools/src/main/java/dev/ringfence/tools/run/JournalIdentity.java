package dev.ringfence.tools.run;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which mode (paper or live) a journal belongs to: {@code DIR/journal-identity.properties}, written when
 * the journal is first used and checked at every start. The account is bound by the journal itself: its
 * ACCOUNT events carry the login, checked by recovery and by the business logic at every report.
 */
final class JournalIdentity
{
    static final String FILE = "journal-identity.properties";

    private JournalIdentity()
    {
    }

    /** The recorded mode, or null when the journal has none yet (new, or written before identities). */
    static String recordedMode(final Path journalDir)
    {
        final Path file = journalDir.resolve(FILE);
        if (!Files.isRegularFile(file))
        {
            return null;
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new StartRefusedException("the journal's identity file " + file + " cannot be read (" + ex.getMessage() +
                "). Restore it (a line mode=paper or mode=live) or move the journal directory away and start again.");
        }
        return properties.getProperty("mode", "").trim();
    }

    static void record(final Path journalDir, final String mode)
    {
        try
        {
            Files.createDirectories(journalDir);
            final Path file = journalDir.resolve(FILE);
            final Path temp = journalDir.resolve(FILE + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8))
            {
                writer.write("# Which mode this journal belongs to; checked at every start. Never edit to share a journal.\n");
                writer.write("mode=" + mode + "\n");
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the journal's identity in " + journalDir, ex);
        }
    }
}

package dev.ringfence.tools.scenario;

import dev.ringfence.journal.Journal;
import dev.ringfence.tools.ConfigOptions;
import dev.ringfence.tools.config.RingfenceConfig;
import dev.ringfence.tools.journal.JournalDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ringfence scenario FILE}: a what-if run on virtual time (SCENARIOS.md). */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a scenario file (JSON Lines of ticks, signals, account reports, operator commands and faults) through the real engine and the paper terminal on virtual time, and prints the lifecycle events as JSON Lines.",
        "Same input and configuration: byte-identical output.",
        "Exit codes: 0 the run completed; 2 a malformed scenario or configuration (the message says where)."})
public final class ScenarioCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file.")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the events here instead of standard output.")
    Path out;

    @Option(names = "--journal", paramLabel = "DIR", description = "Also journal the run's inputs and outputs here (a new or empty directory).")
    Path journalDir;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws IOException
    {
        final Scenario scenario;
        final RingfenceConfig config;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            scenario = Scenario.parse(reader);
            config = configOptions.loader().scenario(scenario.configOverrides()).load();
        }
        catch (final ScenarioException | IllegalArgumentException ex)
        {
            System.err.println("ringfence scenario: " + file + ": " + ex.getMessage());
            return 2;
        }
        catch (final java.nio.file.NoSuchFileException ex)
        {
            System.err.println("ringfence scenario: " + file + ": no such file");
            return 2;
        }

        if (journalDir != null && Journal.exists(journalDir))
        {
            System.err.println("ringfence scenario: " + journalDir + " already holds a journal; a scenario journal needs a new directory");
            return 2;
        }
        if (journalDir != null)
        {
            try
            {
                JournalDirectory.check(journalDir, "--journal DIR");
            }
            catch (final IllegalArgumentException ex)
            {
                System.err.println("ringfence scenario: " + ex.getMessage());
                return 2;
            }
        }
        final Writer fileWriter;
        try
        {
            fileWriter = out == null ? null : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            System.err.println("ringfence scenario: cannot write the events file " + out + " (--out): " + JournalDirectory.reason(ex) +
                ". Choose another path, or leave out --out for standard output");
            return 2;
        }
        try (Writer writer = fileWriter == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) : fileWriter;
            Journal journal = journalDir == null ? null : Journal.open(journalDir, config.journalSyncMode))
        {
            new ScenarioRunner(config, line -> write(writer, line), journal).run(scenario);
        }
        catch (final ScenarioException ex)
        {
            System.err.println("ringfence scenario: " + file + ": " + ex.getMessage());
            return 2;
        }
        return 0;
    }

    private static void write(final Writer writer, final String line)
    {
        try
        {
            writer.write(line);
            writer.write('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

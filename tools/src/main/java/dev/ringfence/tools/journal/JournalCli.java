package dev.ringfence.tools.journal;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ringfence journal ...}: look into, replay and chart a journal. */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Tools for a run's journal: dump its entries, replay it through a fresh engine, chart it, re-run its day with other limits.",
    subcommands = {JournalDumpCommand.class, JournalReplayCommand.class, JournalReportCommand.class, JournalWhatIfCommand.class,
        JournalToScenarioCommand.class, CommandLine.HelpCommand.class})
public final class JournalCli implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}

package dev.ringfence.tools;

import dev.ringfence.tools.journal.JournalCli;
import dev.ringfence.tools.paper.RunCommand;
import dev.ringfence.tools.scenario.ScenarioCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ringfence} command line. */
@Command(
    name = "ringfence",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Live-trading risk runtime for MetaTrader 5: trading loop, equity guard, heartbeat.",
    subcommands = {RunCommand.class, ScenarioCommand.class, JournalCli.class, TerminalSimCommand.class, SignalSendCommand.class,
        VersionCommand.class, CommandLine.HelpCommand.class})
public final class RingfenceCli implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine()
    {
        return new CommandLine(new RingfenceCli());
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}

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
        StatusCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class RingfenceCli implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args)
    {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, its help wrapped to the terminal: an exported {@code COLUMNS} wins; otherwise picocli asks
     * the terminal (stty), and falls back to 80 columns when there is none (output piped, CI).
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new RingfenceCli());
        final Integer columns = columns(System.getenv("COLUMNS"));
        if (columns != null)
        {
            commandLine.setUsageHelpWidth(columns);
        }
        else
        {
            commandLine.setUsageHelpAutoWidth(true);
        }
        return commandLine;
    }

    /** The help width for a {@code COLUMNS} value, at least picocli's minimum of 55; null when unset or not a number. */
    static Integer columns(final String value)
    {
        if (value == null || !value.trim().matches("[0-9]{1,4}"))
        {
            return null;
        }
        return Math.max(MIN_WIDTH, Integer.parseInt(value.trim()));
    }

    static final int MIN_WIDTH = 55;

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}

package dev.ringfence.tools;

import dev.ringfence.tools.journal.JournalCli;
import dev.ringfence.tools.run.RunCommand;
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
        commandLine.setExecutionExceptionHandler(RingfenceCli::unexpected);
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

    /** Set (to anything) to see the stack trace of an unexpected failure. */
    static final String DEBUG_VARIABLE = "RINGFENCE_DEBUG";

    /**
     * A failure no command turned into its own message: one line naming the command and the failure, exit code 1.
     * The stack trace is for developers: with {@value #DEBUG_VARIABLE} set.
     */
    static int unexpected(final Exception ex, final CommandLine command, final CommandLine.ParseResult parsed)
    {
        final StringBuilder what = new StringBuilder();
        Throwable cause = ex;
        while (cause != null && what.length() < 400)
        {
            final String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (what.indexOf(message) < 0)
            {
                what.append(what.length() == 0 ? "" : ": ").append(message);
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        System.err.println(command.getCommandSpec().qualifiedName() + ": " + what.toString().replace('\n', ' ') +
            (System.getenv(DEBUG_VARIABLE) == null ? " (set " + DEBUG_VARIABLE + "=1 to see where it failed)" : ""));
        if (System.getenv(DEBUG_VARIABLE) != null)
        {
            ex.printStackTrace();
        }
        return 1;
    }

    @Override
    public void run()
    {
        spec.commandLine().usage(System.out);
    }
}

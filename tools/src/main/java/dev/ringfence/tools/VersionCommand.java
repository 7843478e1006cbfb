package dev.ringfence.tools;

import picocli.CommandLine.Command;

/** {@code ringfence version}: the same lines as {@code ringfence --version}. */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Prints the version, the commit it was built from and the Java runtime.")
public final class VersionCommand implements Runnable
{
    @Override
    public void run()
    {
        for (final String line : VersionInfo.lines())
        {
            System.out.println(line);
        }
    }
}

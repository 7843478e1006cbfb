package dev.ringfence.gateway.mql5;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Drives one ringfence-bridge-harness process: the real Expert Advisor, translated and compiled, on the
 * model terminal. Commands go to its stdin one per line; {@link #command} returns the lines printed before
 * the harness answered {@code OK}, and throws {@link Failure} on {@code ERR}. See mql5-harness/README.md.
 */
public final class Mql5Harness implements AutoCloseable
{
    /** Real time a command may take (a blocking SocketSend without a timeout can hold it, as in MT5). */
    public static final long COMMAND_TIMEOUT_MILLIS = 120_000;
    private static final String EOF = "\u0000EOF";
    private static final Pattern FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_?-]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();

    /** An {@code ERR} answer: the reason, and the lines printed before it. */
    public static final class Failure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private final transient List<String> lines;

        Failure(final String command, final String reason, final List<String> lines, final String stderr)
        {
            super("'" + command + "' -> ERR " + reason + "\n  output: " + String.join("\n          ", lines) +
                (stderr.isBlank() ? "" : "\n  stderr: " + stderr));
            this.reason = reason;
            this.lines = lines;
        }

        public String reason()
        {
            return reason;
        }

        public List<String> lines()
        {
            return lines;
        }
    }

    private Mql5Harness(final Process process)
    {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        final Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true),
            "mql5-harness-stdout");
        final Thread err = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false),
            "mql5-harness-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /** Starts the harness with these input overrides (e.g. InpPort, InpSecret) and extra arguments (e.g. --unpaced). */
    public static Mql5Harness start(final Map<String, String> inputs, final String... arguments)
    {
        return start(Mql5HarnessBuild.binary(), inputs, arguments);
    }

    /** Starts the harness running another program (see {@link Mql5HarnessBuild#binary(java.nio.file.Path)}). */
    public static Mql5Harness startProgram(final java.nio.file.Path mq5, final Map<String, String> inputs, final String... arguments)
    {
        return start(Mql5HarnessBuild.binary(mq5), inputs, arguments);
    }

    private static Mql5Harness start(final java.nio.file.Path binary, final Map<String, String> inputs, final String... arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(binary.toString());
        for (final Map.Entry<String, String> input : new LinkedHashMap<>(inputs).entrySet())
        {
            command.add("--input");
            command.add(input.getKey() + "=" + input.getValue());
        }
        command.addAll(List.of(arguments));
        try
        {
            return new Mql5Harness(new ProcessBuilder(command).start());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void pump(final BufferedReader reader, final boolean stdout)
    {
        try
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                if (stdout)
                {
                    lines.add(line);
                    pending.add(line);
                }
                else
                {
                    stderr.append(line).append('\n');
                }
            }
        }
        catch (final IOException ignored)
        {
            // the process is gone: EOF below
        }
        if (stdout)
        {
            pending.add(EOF);
        }
    }

    /** Sends one command; the lines it printed before OK. Throws {@link Failure} on ERR. */
    public List<String> command(final String command)
    {
        final List<String> output = new ArrayList<>();
        final String answer = send(command, output);
        if (!"OK".equals(answer))
        {
            throw new Failure(command, answer.substring("ERR ".length()), output, stderr.toString());
        }
        return output;
    }

    /** Sends one command expecting ERR; its reason (fails when the command succeeded). */
    public String commandFails(final String command)
    {
        final List<String> output = new ArrayList<>();
        final String answer = send(command, output);
        if ("OK".equals(answer))
        {
            throw new AssertionError("'" + command + "' succeeded; expected ERR. Output: " + output);
        }
        return answer.substring("ERR ".length());
    }

    private String send(final String command, final List<String> output)
    {
        if (command.indexOf('\n') >= 0)
        {
            throw new IllegalArgumentException("one command per call: " + command);
        }
        try
        {
            stdin.write(command);
            stdin.write('\n');
            stdin.flush();
        }
        catch (final IOException ex)
        {
            throw new AssertionError("the harness is gone (" + ex.getMessage() + "); stderr:\n" + stderr + "\noutput:\n" + tail(), ex);
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMMAND_TIMEOUT_MILLIS);
        while (true)
        {
            final String line;
            try
            {
                line = pending.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for '" + command + "'", ex);
            }
            if (line == null)
            {
                process.destroyForcibly();
                throw new AssertionError("'" + command + "' got no answer in " + COMMAND_TIMEOUT_MILLIS + " ms; stderr:\n" + stderr +
                    "\noutput:\n" + tail());
            }
            if (EOF.equals(line))
            {
                pending.add(EOF);
                throw new AssertionError("the harness exited during '" + command + "'; stderr:\n" + stderr + "\noutput:\n" + tail());
            }
            if ("OK".equals(line) || line.startsWith("ERR "))
            {
                return line;
            }
            output.add(line);
        }
    }

    /** Timer cycles until a LOG line matches {@code regex}, at most {@code virtualMillis} of virtual time. */
    public List<String> untilLog(final String regex, final long virtualMillis)
    {
        return command("until-log " + regex + " " + virtualMillis);
    }

    /** Every stdout line so far. */
    public List<String> lines()
    {
        synchronized (lines)
        {
            return List.copyOf(lines);
        }
    }

    /** The stdout lines so far that start with {@code prefix} followed by a space (TRADE, DEAL, LOG, ...). */
    public List<String> lines(final String prefix)
    {
        return lines().stream().filter(l -> l.startsWith(prefix + " ")).collect(Collectors.toList());
    }

    public String stderr()
    {
        return stderr.toString();
    }

    /** The k=v fields of an output line (quoted values unquoted); after "->" keys get the prefix "result.". */
    public static Map<String, String> fields(final String line)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        final int arrow = line.indexOf(" -> ");
        final Matcher m = FIELD.matcher(line);
        while (m.find())
        {
            String value = m.group(2);
            if (value.startsWith("\""))
            {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            final String key = arrow >= 0 && m.start() > arrow ? "result." + m.group(1) : m.group(1);
            fields.put(key, value);
        }
        return fields;
    }

    private String tail()
    {
        final List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
        try
        {
            process.waitFor(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

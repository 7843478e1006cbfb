package dev.ringfence.gateway.mql5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Translates mql5/RingfenceBridge.mq5 and compiles it with the harness (mql5-harness/) into
 * target/mql5-harness/ringfence-bridge-harness, once per JVM. Each object file is keyed by a hash of
 * its inputs (source, headers, flags, compiler), so an unchanged build costs nothing.
 *
 * <p>Without g++ the tests that need it are skipped (JUnit assumption) on a developer machine and fail
 * in CI (the CI variable set): .ci/run installs g++.
 */
public final class Mql5HarnessBuild
{
    public static final String EA_FILE = "RingfenceBridge.mq5";
    private static final List<String> COMMON_FLAGS = List.of("-std=c++17", "-O1", "-Wall", "-Werror", "-fnon-call-exceptions");
    /** The harness's own sources: stricter. */
    private static final List<String> RUNTIME_FLAGS = List.of("-Wextra");
    /**
     * The translated EA: MQL5 handlers routinely ignore parameters, and -O1's "may be used uninitialized"
     * is reported, not fatal (MetaEditor has no such check; each one is worth reading, see the build log).
     */
    private static final List<String> PROGRAM_FLAGS = List.of("-Wno-error=maybe-uninitialized");

    private static final Map<Path, Path> BINARIES = new HashMap<>();
    private static String warnings = "";

    private Mql5HarnessBuild()
    {
    }

    /** The gateway-mt5 module directory (tests run in it; from the repository root, its subdirectory). */
    public static Path moduleDir()
    {
        final Path here = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (final Path candidate : List.of(here, here.resolve("gateway-mt5")))
        {
            if (Files.isRegularFile(candidate.resolve("mql5").resolve(EA_FILE)))
            {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find gateway-mt5/mql5/" + EA_FILE + " from " + here);
    }

    /** g++ from the PATH, or null. */
    static Path compiler()
    {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator))
            .map(dir -> Paths.get(dir, "g++")).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Skips the calling test without g++ on a developer machine; in CI a missing g++ is a failure. */
    public static void requireCompiler()
    {
        final boolean present = compiler() != null;
        if (System.getenv("CI") != null)
        {
            assertTrue(present, "g++ is not on the PATH; .ci/run installs it (Debian package g++)");
        }
        assumeTrue(present, "g++ is not on the PATH: the MQL5 harness tests need it (Debian package g++; .ci/run installs it)");
    }

    /** The compiler's warnings of the last build ("" when there were none). */
    public static synchronized String warnings()
    {
        return warnings;
    }

    /** The harness executable running the Ringfence EA, built if needed. */
    public static Path binary()
    {
        return binary(moduleDir().resolve("mql5").resolve(EA_FILE));
    }

    /**
     * The harness executable running {@code mq5}, built if needed. The Ringfence EA is checked against
     * PROTOCOL.md; any other program (a probe) is translated without the protocol's size asserts.
     */
    public static synchronized Path binary(final Path mq5)
    {
        requireCompiler();
        final Path key = mq5.toAbsolutePath().normalize();
        Path built = BINARIES.get(key);
        if (built == null)
        {
            try
            {
                built = build(key);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            BINARIES.put(key, built);
        }
        return built;
    }

    private static Path build(final Path mq5) throws IOException, InterruptedException
    {
        final Path module = moduleDir();
        final Path harness = module.resolve("mql5-harness");
        final Path out = module.resolve("target").resolve("mql5-harness");
        final Path gen = out.resolve("gen");
        final Path obj = out.resolve("obj");
        Files.createDirectories(gen);
        Files.createDirectories(obj);

        final String fileName = mq5.getFileName().toString();
        final boolean bridge = EA_FILE.equals(fileName) && mq5.getParent().getFileName().toString().equals("mql5");
        if (bridge)
        {
            requireSameVersion(Files.readString(mq5), Files.readString(module.resolve("PROTOCOL.md")));
        }
        final Mql5Translator.Translation translation = bridge
            ? Mql5Translator.translate(Files.readString(mq5), fileName, Files.readString(module.resolve("PROTOCOL.md")))
            : Mql5Translator.translateProgram(Files.readString(mq5), fileName);
        final String baseName = fileName.replaceAll("\\.mq5$", "");
        final Path program = gen.resolve(baseName + ".cpp");
        writeIfChanged(program, translation.cpp());

        final Path compiler = compiler();
        final String version = run(List.of(compiler.toString(), "--version"), module).split("\n")[0];
        final StringBuilder headers = new StringBuilder();
        for (final Path header : sorted(harness.resolve("include"), ".h"))
        {
            headers.append(Files.readString(header));
        }
        for (final Path header : sorted(harness.resolve("src"), ".h"))
        {
            headers.append(Files.readString(header));
        }

        final List<Unit> units = new ArrayList<>();
        for (final Path source : sorted(harness.resolve("src"), ".cpp"))
        {
            units.add(new Unit(source, concat(COMMON_FLAGS, RUNTIME_FLAGS)));
        }
        units.add(new Unit(program, concat(COMMON_FLAGS, PROGRAM_FLAGS)));

        final List<Path> objects = new ArrayList<>();
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try
        {
            final List<Future<String>> compiles = new ArrayList<>();
            for (final Unit unit : units)
            {
                final String key = hash(version, String.join(" ", unit.flags), headers.toString(), Files.readString(unit.source));
                final String name = unit.source.getFileName().toString().replace(".cpp", "") + "-" + key.substring(0, 16) + ".o";
                final Path object = obj.resolve(name);
                objects.add(object);
                if (Files.isRegularFile(object))
                {
                    continue;
                }
                final List<String> command = new ArrayList<>(List.of(compiler.toString()));
                command.addAll(unit.flags);
                command.addAll(List.of("-I" + harness.resolve("include"), "-I" + harness.resolve("src"), "-c", unit.source.toString(),
                    "-o", object + ".tmp"));
                compiles.add(pool.submit(() ->
                {
                    final String output = run(command, module);
                    Files.move(Paths.get(object + ".tmp"), object, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return output;
                }));
            }
            final StringBuilder output = new StringBuilder();
            for (final Future<String> compile : compiles)
            {
                try
                {
                    output.append(compile.get());
                }
                catch (final java.util.concurrent.ExecutionException ex)
                {
                    throw new AssertionError("the MQL5 harness does not compile:\n" + ex.getCause().getMessage(), ex.getCause());
                }
            }
            if (!output.toString().isBlank())
            {
                warnings = warnings + output;
                System.err.println("mql5-harness compiler warnings:\n" + output);
            }
        }
        finally
        {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }

        final String executableName = bridge ? "ringfence-bridge-harness" : baseName + "-harness";
        final Path executable = out.resolve(executableName);
        final Path linkKey = out.resolve(executableName + ".key");
        final String key = hash(objects.stream().map(Path::toString).collect(Collectors.joining("\n")));
        if (!Files.isExecutable(executable) || !Files.isRegularFile(linkKey) || !Files.readString(linkKey).equals(key))
        {
            final List<String> command = new ArrayList<>(List.of(compiler.toString(), "-o", executable + ".tmp"));
            objects.forEach(o -> command.add(o.toString()));
            run(command, module);
            Files.move(Paths.get(executable + ".tmp"), executable, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(linkKey, key);
        }
        return executable;
    }

    /**
     * The EA and PROTOCOL.md at different protocol versions (one side updated before the other): nothing
     * about the bridge can be tested. Skipped with the reason on a developer machine, a failure in CI.
     */
    private static void requireSameVersion(final String ea, final String protocol)
    {
        final int eaVersion = Mql5Translator.eaVersion(ea);
        final int protocolVersion = Mql5Translator.protocolVersion(protocol);
        if (eaVersion >= 0 && protocolVersion >= 0 && eaVersion != protocolVersion)
        {
            final String reason = EA_FILE + " speaks protocol version " + eaVersion + " but PROTOCOL.md (and so the gateway) describes version " +
                protocolVersion + ": the EA's tests need both sides at the same version";
            if (System.getenv("CI") != null)
            {
                throw new AssertionError(reason);
            }
            assumeTrue(false, reason);
        }
    }

    private record Unit(Path source, List<String> flags)
    {
    }

    private static List<String> concat(final List<String> a, final List<String> b)
    {
        final List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Path> sorted(final Path dir, final String suffix) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
    }

    private static void writeIfChanged(final Path file, final String text) throws IOException
    {
        if (!Files.isRegularFile(file) || !Files.readString(file).equals(text))
        {
            Files.writeString(file, text);
        }
    }

    /** Runs a command to completion; its combined output, or an exception carrying it when it fails. */
    private static String run(final List<String> command, final Path dir) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES))
        {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0)
        {
            throw new IOException(String.join(" ", command) + "\n" + output);
        }
        return output;
    }

    static String hash(final String... parts)
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (final String part : parts)
            {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte)0);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

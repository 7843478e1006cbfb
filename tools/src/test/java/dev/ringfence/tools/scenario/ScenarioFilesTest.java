package dev.ringfence.tools.scenario;

import dev.ringfence.tools.config.ConfigLoader;
import dev.ringfence.tools.config.RingfenceConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Scenario files as specifications: each {@code NAME.jsonl} under {@code src/test/resources/scenarios}
 * runs through the engine and the paper terminal and must produce exactly {@code NAME.expected.jsonl}.
 * Every file also runs twice, and the two runs must agree byte for byte.
 */
class ScenarioFilesTest
{
    static final Path DIRECTORY = Paths.get("src/test/resources/scenarios");

    static Stream<Path> scenarios() throws IOException
    {
        try (Stream<Path> files = Files.list(DIRECTORY))
        {
            final List<Path> inputs = files
                .filter(p -> p.toString().endsWith(".jsonl") && !p.toString().endsWith(".expected.jsonl"))
                .sorted()
                .collect(Collectors.toList());
            assertFalse(inputs.isEmpty(), "no scenario files in " + DIRECTORY.toAbsolutePath());
            return inputs.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void producesExactlyTheExpectedEvents(final Path input) throws IOException
    {
        final Path expectedFile = Paths.get(input.toString().replace(".jsonl", ".expected.jsonl"));
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile);
        final List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);
        final List<String> actual = run(input);
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++)
        {
            assertEquals(expected.get(i), actual.get(i), input.getFileName() + ": first difference at output line " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), input.getFileName() + ": number of events");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void isByteIdenticalOnEveryRun(final Path input) throws IOException
    {
        assertEquals(String.join("\n", run(input)), String.join("\n", run(input)));
    }

    static Stream<Path> examples() throws IOException
    {
        try (Stream<Path> files = Files.list(Paths.get("../examples")))
        {
            return files.filter(p -> p.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList()).stream();
        }
    }

    /** The README's examples keep working: each runs to a graceful stop without errors. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleRunsToAGracefulStop(final Path example) throws IOException
    {
        final List<String> events = run(example);
        assertTrue(events.get(0).contains("\"type\":\"LOOP_STARTED\""));
        assertTrue(events.get(events.size() - 1).contains("\"type\":\"LOOP_STOPPED\""));
        assertTrue(events.stream().noneMatch(e -> e.contains("\"type\":\"ERROR\"")), String.join("\n", events));
    }

    static List<String> run(final Path input) throws IOException
    {
        final Scenario scenario;
        try (Reader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8))
        {
            scenario = Scenario.parse(reader);
        }
        final RingfenceConfig config = new ConfigLoader().environment(Map.of()).scenario(scenario.configOverrides()).load();
        final List<String> lines = new ArrayList<>();
        new ScenarioRunner(config, lines::add).run(scenario);
        return lines;
    }
}

package dev.ringfence.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringfence.engine.Engine;
import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.gateway.CommandRing;
import dev.ringfence.gateway.bridge.Gateway;
import dev.ringfence.gateway.bridge.GatewayConfig;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped monitoring assets (monitoring/): the Grafana dashboard has the fields of Grafana's dashboard JSON
 * model and only queries metrics the engine exports, the alerting rules pass {@code promtool check rules} and their
 * unit tests, so renaming a metric breaks the build instead of an operator's dashboard.
 */
class MonitoringAssetsTest
{
    private static final Pattern METRIC = Pattern.compile("ringfence_[a-z_]+");
    /** promtool from the PATH (Debian's package prometheus puts it in /usr/bin; .ci/run installs it). */
    private static final Path PROMTOOL = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator))
        .map(dir -> Paths.get(dir, "promtool")).filter(Files::isExecutable).findFirst().orElse(Paths.get("/usr/bin/promtool"));

    /** Skipped on a developer machine without promtool; in CI (CI set) a missing promtool is a failure, never a skip. */
    private static void requirePromtool()
    {
        final boolean present = Files.isExecutable(PROMTOOL);
        if (System.getenv("CI") != null)
        {
            org.junit.jupiter.api.Assertions.assertTrue(present, "promtool is not on the PATH; .ci/run installs it (Debian package prometheus)");
        }
        assumeTrue(present, "promtool (Debian package prometheus) is installed by .ci/run");
    }

    private static Path monitoring;
    private static JsonNode dashboard;

    @BeforeAll
    static void locate() throws IOException
    {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("monitoring")))
        {
            dir = dir.getParent();
        }
        assertNotNull(dir, "monitoring/ is a top-level folder of the repository");
        monitoring = dir.resolve("monitoring");
        dashboard = new ObjectMapper().readTree(monitoring.resolve("grafana/ringfence-dashboard.json").toFile());
    }

    // ------------------------------------------------------------------ the dashboard's JSON model

    @Test
    void theDashboardHasTheTopLevelFieldsOfGrafanasJsonModel()
    {
        assertTrue(dashboard.path("title").isTextual() && !dashboard.path("title").asText().isBlank(), "title");
        assertTrue(dashboard.path("uid").isTextual(), "uid");
        assertTrue(dashboard.path("uid").asText().matches("[A-Za-z0-9_-]{1,40}"), "a uid Grafana accepts: " + dashboard.path("uid"));
        assertTrue(dashboard.path("schemaVersion").isInt() && dashboard.path("schemaVersion").asInt() >= 36, "schemaVersion");
        assertTrue(dashboard.path("panels").isArray() && dashboard.path("panels").size() > 0, "panels");
        assertTrue(dashboard.has("id") && dashboard.get("id").isNull(), "id null, so an import creates a new dashboard");
        assertTrue(dashboard.path("time").has("from") && dashboard.path("time").has("to"), "time range");

        final JsonNode variables = dashboard.path("templating").path("list");
        assertTrue(variables.isArray(), "templating.list");
        final JsonNode datasource = variable(variables, "datasource");
        assertEquals("datasource", datasource.path("type").asText());
        assertEquals("prometheus", datasource.path("query").asText());
        final JsonNode account = variable(variables, "account");
        assertEquals("query", account.path("type").asText());
        assertEquals("${datasource}", account.path("datasource").path("uid").asText());
        assertEquals("label_values(ringfence_equity, instance)", account.path("query").path("query").asText());
    }

    @Test
    void everyPanelHasATypeAPlaceAndAQueryOnTheChosenAccounts()
    {
        final Set<Long> ids = new TreeSet<>();
        for (final JsonNode panel : dashboard.path("panels"))
        {
            final String title = panel.path("title").asText();
            assertFalse(title.isBlank(), "every panel has a title: " + panel);
            assertTrue(ids.add(panel.path("id").asLong()), "panel ids are unique: " + title);
            assertTrue(panel.path("type").isTextual() && !panel.path("type").asText().isBlank(), title + ": type");
            final JsonNode grid = panel.path("gridPos");
            for (final String field : List.of("x", "y", "w", "h"))
            {
                assertTrue(grid.path(field).isInt(), title + ": gridPos." + field);
            }
            assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, title + ": fits the 24-column grid");
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), title + ": datasource variable");
            final JsonNode targets = panel.path("targets");
            assertTrue(targets.isArray() && targets.size() > 0, title + ": at least one target");
            for (final JsonNode target : targets)
            {
                final String expr = target.path("expr").asText();
                assertFalse(expr.isBlank(), title + ": every target has an expr");
                assertTrue(target.path("refId").isTextual(), title + ": refId");
                final Matcher m = METRIC.matcher(expr);
                while (m.find())
                {
                    assertTrue(expr.startsWith("instance=~\"$account\"", m.end() + 1),
                        title + ": " + m.group() + " is filtered by the account variable in " + expr);
                }
            }
        }
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir final Path dir) throws Exception
    {
        requirePromtool();
        // promtool parses the PromQL of recording rules: one rule per query, with Grafana's variables filled in.
        final StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (final String expr : panelExprs())
        {
            final String concrete = expr.replace("$account", ".*").replace("$__rate_interval", "1m").replace("$__range", "6h");
            rules.append("      - record: dashboard:query").append(n++).append('\n')
                .append("        expr: ").append(new ObjectMapper().writeValueAsString(concrete)).append('\n');
        }
        final Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        promtool(dir, "check", "rules", file.toString());
    }

    // ------------------------------------------------------------------ the alerting rules

    @Test
    void theAlertingRulesPassPromtoolCheckAndTheirUnitTests() throws Exception
    {
        requirePromtool();
        final Path rules = monitoring.resolve("prometheus");
        final String check = promtool(rules, "check", "rules", "ringfence-alerts.yml");
        assertTrue(check.contains("SUCCESS"), check);
        final String test = promtool(rules, "test", "rules", "ringfence-alerts.test.yml");
        assertTrue(test.contains("SUCCESS"), test);
    }

    @Test
    void everyAlertIsUnitTestedAndNamesTheAccount() throws IOException
    {
        final String rules = Files.readString(monitoring.resolve("prometheus/ringfence-alerts.yml"));
        final String tests = Files.readString(monitoring.resolve("prometheus/ringfence-alerts.test.yml"));
        final Matcher alert = Pattern.compile("- alert: (\\w+)").matcher(rules);
        int alerts = 0;
        while (alert.find())
        {
            alerts++;
            assertTrue(tests.contains("alertname: " + alert.group(1) + "\n"), alert.group(1) + " has a unit test");
        }
        assertTrue(alerts >= 9, "guard tripped, flatten failing, data stale, terminal, heartbeat, engine down, journal, gateway, halted");
        for (final String severity : List.of("critical", "warning", "info"))
        {
            assertTrue(rules.contains("severity: " + severity), severity);
        }
    }

    // ------------------------------------------------------------------ the metric names against a real scrape

    @Test
    void everyMetricTheDashboardAndTheRulesQueryIsExported() throws Exception
    {
        final Set<String> exported = exportedSeriesNames();
        final List<String> missing = new ArrayList<>();
        final String rules = Files.readString(monitoring.resolve("prometheus/ringfence-alerts.yml"));
        final String tests = Files.readString(monitoring.resolve("prometheus/ringfence-alerts.test.yml"));
        final List<String> sources = new ArrayList<>(dashboardExprs());
        sources.add(rules);
        sources.add(tests);
        final Set<String> used = new TreeSet<>();
        for (final String source : sources)
        {
            final Matcher m = METRIC.matcher(source);
            while (m.find())
            {
                used.add(m.group());
            }
        }
        for (final String name : used)
        {
            if (!exported.contains(name))
            {
                missing.add(name);
            }
        }
        assertTrue(used.size() > 20, "the assets use the metrics: " + used);
        assertEquals(List.of(), missing, "metrics the monitoring assets query that /metrics does not export; exported: " + exported);
    }

    /** The sample names of a scrape of the registry wired as {@code run} wires it, HTTP responses included. */
    private static Set<String> exportedSeriesNames() throws Exception
    {
        final EngineConfig config = new EngineConfig();
        config.validate();
        final SymbolTable symbols = new SymbolTable(config.symbols);
        final CommandRing commands = new CommandRing(1 << 16);
        final Engine engine = new Engine(config, symbols, commands, event -> { }, "blocking", 1024, List.of());
        try
        {
            final GatewayConfig gatewayConfig = new GatewayConfig();
            gatewayConfig.port = 0;
            gatewayConfig.secret = "monitoring-secret";
            final Gateway gateway = new Gateway(gatewayConfig, symbols, engine.inbound().terminalReports(), commands);
            final PrometheusRegistry registry = RingfenceMetrics.registerDependencies(
                RingfenceMetrics.registerGateway(RingfenceMetrics.registry(new StatusBoard(), engine::backlog), gateway),
                () -> null, () -> 0, () -> 0);
            RingfenceMetrics.httpResponses(registry).labelValues("metrics", "200").inc();
            final ByteArrayOutputStream text = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(text, registry.scrape());
            final Set<String> names = new TreeSet<>();
            for (final String line : text.toString(StandardCharsets.UTF_8).split("\n"))
            {
                if (!line.isBlank() && !line.startsWith("#"))
                {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
            assertTrue(names.contains("ringfence_event_processing_seconds_bucket"), names.toString());
            return names;
        }
        finally
        {
            engine.close();
        }
    }

    /** The panels' queries: PromQL. */
    private static List<String> panelExprs()
    {
        final List<String> exprs = new ArrayList<>();
        for (final JsonNode panel : dashboard.path("panels"))
        {
            for (final JsonNode target : panel.path("targets"))
            {
                exprs.add(target.path("expr").asText());
            }
        }
        return exprs;
    }

    /** The panels' queries and the variables' (Grafana's label_values, not PromQL). */
    private static List<String> dashboardExprs()
    {
        final List<String> exprs = panelExprs();
        for (final JsonNode variable : dashboard.path("templating").path("list"))
        {
            if (variable.path("query").isObject())
            {
                exprs.add(variable.path("query").path("query").asText());
            }
        }
        return exprs;
    }

    private static JsonNode variable(final JsonNode variables, final String name)
    {
        for (final JsonNode variable : variables)
        {
            if (name.equals(variable.path("name").asText()))
            {
                return variable;
            }
        }
        return fail("templating.list has the variable " + name);
    }

    private static String promtool(final Path dir, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(PROMTOOL.toString());
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool " + String.join(" ", args) + " finished");
        assertEquals(0, process.exitValue(), "promtool " + String.join(" ", args) + ":\n" + output);
        return output;
    }
}

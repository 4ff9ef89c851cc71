package io.ringtap.lab.dbakit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and the dashboard may only use metrics that exist: the agent's (read from the name constants of
 * agent/.../metrics/RingtapMetrics.java, so a renamed metric breaks this test), mapped through the exporter rules in
 * ops/monitoring/jmx-exporter.yaml, plus the Cassandra metrics those rules export and the recording rules of
 * alerts.yaml.
 */
class MonitoringReferencesTest {
    private static final Pattern CONSTANT = Pattern.compile("public static final String (\\w+) = \"(\\w+)\";");
    private static final Pattern SERIES = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern RINGTAP_BEAN = Pattern.compile("^org\\.apache\\.cassandra\\.metrics<type=Ringtap, name=(\\w+)><>Value$");

    private static Path root;
    private static Set<String> exported;
    private static Map<String, String> exporterRules;

    @BeforeAll
    static void read() throws IOException {
        root = repoRoot();
        exported = new TreeSet<>();
        Matcher m = CONSTANT.matcher(Files.readString(root.resolve("agent/src/main/java/io/ringtap/agent/metrics/RingtapMetrics.java")));
        while (m.find()) {
            if (!m.group(1).equals("GROUP") && !m.group(1).equals("TYPE")) {
                exported.add(m.group(2));
            }
        }
        exporterRules = new LinkedHashMap<>();
        Map<String, Object> exporter = yaml("ops/monitoring/jmx-exporter.yaml");
        for (Object o : (List<?>) exporter.get("rules")) {
            Map<?, ?> rule = (Map<?, ?>) o;
            exporterRules.put(String.valueOf(rule.get("pattern")), String.valueOf(rule.get("name")));
        }
    }

    @Test
    void should_export_every_agent_metric_as_ringtap_snake_case_when_reading_the_exporter_rules() {
        // Given the agent's metric names and the exporter rules (read once)
        // When the Ringtap rules are collected by the JMX name they match
        Map<String, String> ringtapRules = new LinkedHashMap<>();
        exporterRules.forEach((pattern, name) -> {
            Matcher m = RINGTAP_BEAN.matcher(pattern);
            if (m.matches()) {
                ringtapRules.put(m.group(1), name);
            }
        });

        // Then there is exactly one rule per exported metric, named ringtap_<snake_case>, and no rule for anything else
        assertThat(exported).contains("AgentState", "BytesPending", "ForwardLagSeconds", "ForwarderState");
        assertThat(ringtapRules.keySet()).containsExactlyInAnyOrderElementsOf(exported);
        ringtapRules.forEach((jmxName, name) -> assertThat(name).as(jmxName).isEqualTo("ringtap_" + snake(jmxName)));
        assertThat(exporterRules.values()).filteredOn(n -> n.startsWith("ringtap")).hasSize(exported.size());
    }

    @Test
    void should_reference_only_exported_metrics_when_parsing_the_alert_rules() throws IOException {
        // Given the alert rules file
        Map<String, Object> alerts = yaml("ops/monitoring/alerts.yaml");

        // When every expression, recording rule and runbook is collected
        List<String> expressions = new ArrayList<>();
        Set<String> recorded = new LinkedHashSet<>();
        List<String> runbooks = new ArrayList<>();
        for (Object g : (List<?>) alerts.get("groups")) {
            for (Object r : (List<?>) ((Map<?, ?>) g).get("rules")) {
                Map<?, ?> rule = (Map<?, ?>) r;
                expressions.add(String.valueOf(rule.get("expr")));
                if (rule.containsKey("record")) {
                    recorded.add(String.valueOf(rule.get("record")));
                }
                if (rule.get("annotations") instanceof Map<?, ?> a && a.get("runbook") != null) {
                    runbooks.add(String.valueOf(a.get("runbook")));
                }
            }
        }

        // Then each names only known series, the alerts cover what the DBA kit promises, and each runbook exists
        assertReferencesKnown(expressions, recorded, "alerts.yaml");
        String all = String.join("\n", expressions);
        assertThat(all).contains("ringtap_bytes_pending", "ringtap_forward_lag_seconds", "ringtap_forward_lag_entries",
                "ringtap_segments_quarantined", "ringtap_agent_state", "cassandra_client_request_write_failures_total");
        assertThat(runbooks).isNotEmpty().allSatisfy(rb -> assertThat(root.resolve(rb)).as(rb).isRegularFile());
    }

    @Test
    void should_reference_only_exported_metrics_when_parsing_the_dashboard() throws IOException {
        // Given the Grafana dashboard
        JsonNode dashboard = new ObjectMapper().readTree(root.resolve("ops/monitoring/grafana-dashboard.json").toFile());

        // When every panel query and template query is collected
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        for (JsonNode var : dashboard.path("templating").path("list")) {
            if (var.path("type").asText().equals("query")) {
                expressions.add(var.path("query").asText());
            }
        }

        // Then there are queries, each names only known series, and every agent metric is on the dashboard
        assertThat(expressions).hasSizeGreaterThan(10);
        Set<String> recorded = new LinkedHashSet<>();
        for (Object g : (List<?>) yaml("ops/monitoring/alerts.yaml").get("groups")) {
            for (Object r : (List<?>) ((Map<?, ?>) g).get("rules")) {
                Object record = ((Map<?, ?>) r).get("record");
                if (record != null) {
                    recorded.add(record.toString());
                }
            }
        }
        assertReferencesKnown(expressions, recorded, "grafana-dashboard.json");
        String all = String.join("\n", expressions);
        exported.forEach(name -> assertThat(all).as("dashboard shows " + name).contains("ringtap_" + snake(name)));
    }

    private static void assertReferencesKnown(List<String> expressions, Set<String> recorded, String file) {
        Set<String> known = new TreeSet<>(exporterRules.values());
        known.addAll(recorded);
        for (String expr : expressions) {
            if (expr.trim().matches("vector\\(\\d+\\)")) {
                continue; // a setting declared as a recording rule (cdc_total_space, queue.max-bytes)
            }
            Set<String> used = series(expr);
            assertThat(used).as(file + ": " + expr + " names no metric").isNotEmpty();
            assertThat(used).as(file + ": " + expr).isSubsetOf(known);
        }
    }

    /** The ringtap and Cassandra series an expression names (PromQL functions, labels and keywords are ignored). */
    private static Set<String> series(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = SERIES.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
        while (m.find()) {
            String t = m.group();
            if (t.startsWith("ringtap_") || t.startsWith("ringtap:") || t.startsWith("cassandra_")) {
                names.add(t);
            }
        }
        return names;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static Map<String, Object> yaml(String path) throws IOException {
        return new Yaml().load(Files.readString(root.resolve(path)));
    }

    private static Path repoRoot() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("ops/monitoring"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no ops/monitoring above " + Paths.get("").toAbsolutePath());
        }
        return p;
    }
}

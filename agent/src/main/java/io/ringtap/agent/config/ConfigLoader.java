package io.ringtap.agent.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads {@code ringtap.yaml} into a validated {@link RingtapConfig}, or fails with a
 * {@link ConfigException} listing every problem found, each naming its key.
 *
 * <p>Keys are flat and dotted ({@code queue.directory: /x}); nested YAML maps are accepted and
 * flattened the same way. Keys that are neither declared in {@link RingtapOptions} nor under
 * {@link RingtapOptions#KAFKA_PREFIX} are rejected. Values may contain {@code ${env:NAME}} and
 * {@code ${file:/path}} references, resolved here.
 */
public final class ConfigLoader {
    private final Function<String, String> environment;

    /** A loader resolving {@code ${env:...}} against the process environment. */
    public ConfigLoader() {
        this(System::getenv);
    }

    /** A loader resolving {@code ${env:...}} with {@code environment} (tests). */
    public ConfigLoader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment);
    }

    /** Loads the file; {@code file == null} (no agent argument) is a problem too. */
    public RingtapConfig load(Path file) throws ConfigException {
        if (file == null) {
            throw new ConfigException(List.of(new ConfigProblem(ConfigProblem.FILE,
                    "no config file given: use -javaagent:<ringtap-agent.jar>=<path to ringtap.yaml>")));
        }
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigProblem(ConfigProblem.FILE, file + " does not exist")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(ConfigProblem.FILE, "cannot read " + file + ": " + e)));
        }
        return parse(text);
    }

    /** Parses YAML text. */
    public RingtapConfig parse(String yamlText) throws ConfigException {
        Object doc;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            doc = new Yaml(new SafeConstructor(options)).load(yamlText);
        } catch (RuntimeException e) {
            // snakeyaml messages quote a line of the file, which may hold a secret: keep the first line only
            String msg = String.valueOf(e.getMessage()).split("\n", 2)[0];
            throw new ConfigException(List.of(new ConfigProblem(ConfigProblem.FILE, "not valid YAML: " + msg)));
        }
        if (doc == null) {
            return fromMap(Map.of());
        }
        if (!(doc instanceof Map)) {
            throw new ConfigException(List.of(new ConfigProblem(ConfigProblem.FILE,
                    "expected a map of options at the top level")));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", (Map<?, ?>) doc, flat, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return fromMap(flat);
    }

    /** Validates flat dotted keys and raw (YAML-typed or string) values. */
    public RingtapConfig fromMap(Map<String, ?> raw) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        ValueResolver resolver = new ValueResolver(environment);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> kafka = new LinkedHashMap<>();
        for (Option o : RingtapOptions.all()) {
            values.put(o.key(), o.defaultValue());
        }
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            String key = e.getKey();
            Option option = RingtapOptions.find(key);
            boolean kafkaKey = key.startsWith(RingtapOptions.KAFKA_PREFIX);
            if (option == null && !kafkaKey) {
                problems.add(new ConfigProblem(key, "unknown option" + suggestion(key)));
                continue;
            }
            Object resolved;
            try {
                resolved = resolver.resolve(e.getValue());
            } catch (IllegalArgumentException ex) {
                problems.add(new ConfigProblem(key, ex.getMessage()));
                continue;
            }
            if (kafkaKey) {
                String producerKey = key.substring(RingtapOptions.KAFKA_PREFIX.length());
                if (RingtapOptions.KAFKA_RESERVED.contains(producerKey)) {
                    problems.add(new ConfigProblem(key, "set by the forwarder, not configurable"));
                    continue;
                }
                if (resolved instanceof Map) {
                    problems.add(new ConfigProblem(key, "expected a scalar or list producer setting, got a map"));
                    continue;
                }
                if (resolved != null) {
                    try {
                        kafka.put(producerKey, resolved instanceof Collection
                                ? String.join(",", castList(OptionType.LIST.parse(resolved)))
                                : resolved.toString());
                    } catch (IllegalArgumentException ex) {
                        problems.add(new ConfigProblem(key, ex.getMessage()));
                        continue;
                    }
                }
            }
            if (option != null && resolved != null) {
                try {
                    values.put(key, option.parse(resolved));
                } catch (IllegalArgumentException ex) {
                    boolean hide = Secrets.isSecret(key) || ValueResolver.hasReference(e.getValue());
                    problems.add(new ConfigProblem(key, hide
                            ? "invalid " + option.type().label() + " value (not shown: secret or substituted)"
                            : ex.getMessage()));
                }
            }
        }
        for (Option o : RingtapOptions.all()) {
            if (o.required() && values.get(o.key()) == null && !hasProblem(problems, o.key())) {
                problems.add(new ConfigProblem(o.key(), "required, not set"));
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(RingtapOptions.crossCheck(values));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new RingtapConfig(values, kafka);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    private static boolean hasProblem(List<ConfigProblem> problems, String key) {
        for (ConfigProblem p : problems) {
            if (p.key().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out, List<ConfigProblem> problems) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            Object value = e.getValue();
            // a nested map is a group of keys (capture: {enabled: true}); a declared key keeps its map to report it
            if (value instanceof Map && RingtapOptions.find(key) == null) {
                flatten(key + ".", (Map<?, ?>) value, out, problems);
            } else if (out.containsKey(key)) {
                problems.add(new ConfigProblem(key, "set twice"));
            } else {
                out.put(key, value);
            }
        }
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Option o : RingtapOptions.all()) {
            int d = distance(key, o.key());
            if (d < bestDistance) {
                bestDistance = d;
                best = o.key();
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

package io.ringtap.lab.junit;

import io.ringtap.lab.LabException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sets flat dotted keys in a rendered {@code ringtap.yaml}: an existing line of a key is replaced, others appended. */
final class AgentConfigOverrides {
    private AgentConfigOverrides() {
    }

    static void apply(Path ringtapYaml, Map<String, String> overrides) {
        try {
            Map<String, String> pending = new LinkedHashMap<>(overrides);
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(ringtapYaml)) {
                String key = line.contains(":") && !line.startsWith("#") ? line.substring(0, line.indexOf(':')).trim() : null;
                // a duplicate key would make the YAML ambiguous: the override takes the template line's place
                out.add(key != null && pending.containsKey(key) ? key + ": " + pending.remove(key) : line);
            }
            pending.forEach((k, v) -> out.add(k + ": " + v));
            Files.write(ringtapYaml, out);
        } catch (IOException e) {
            throw new LabException("cannot edit " + ringtapYaml + ": " + e.getMessage(), e);
        }
    }
}

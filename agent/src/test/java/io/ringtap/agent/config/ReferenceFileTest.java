package io.ringtap.agent.config;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.assertj.core.api.Assertions.assertThat;

class ReferenceFileTest {
    private static final String REGENERATE = "mvn -B -o -q -pl agent test -Dtest=ReferenceFileTest -Dringtap.regenerate=true";

    static Path confFile(String name) {
        // surefire runs in the module directory; the conf folder is at the repository root
        Path here = Paths.get("").toAbsolutePath();
        Path inParent = here.getParent().resolve("conf").resolve(name);
        return Files.isDirectory(here.resolve("conf")) ? here.resolve("conf").resolve(name) : inParent;
    }

    @Test
    void should_match_generated_reference_when_comparing_committed_file() throws IOException {
        // Given the reference generated from the declarations
        String generated = ReferenceFile.render();
        Path committed = confFile("ringtap-reference.yaml");
        if (Boolean.getBoolean("ringtap.regenerate")) {
            Files.write(committed, generated.getBytes(StandardCharsets.UTF_8));
        }

        // When reading the committed file
        String onDisk = Files.exists(committed) ? new String(Files.readAllBytes(committed), StandardCharsets.UTF_8) : "";

        // Then they are identical
        assertThat(onDisk)
                .as("conf/ringtap-reference.yaml is stale; regenerate it with: " + REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void should_document_every_option_with_type_and_default_when_rendered() {
        // When rendering
        String reference = ReferenceFile.render();

        // Then every option appears commented out with its type line, and the whole is valid YAML
        for (Option o : RingtapOptions.all()) {
            assertThat(reference).contains("\n#" + o.key() + ":");
            assertThat(reference).contains("#   type: " + o.type().label());
        }
        assertThat(reference).contains("#   type: enum; one of: delete, archive\n#   default: delete");
        assertThat(reference).contains("#forward.topic-template: \"${prefix}.${keyspace}.${table}\"");
        assertThat(reference).contains("#   default: none (required)");
        assertThat((Object) new Yaml().load(reference)).isNull();
    }
}

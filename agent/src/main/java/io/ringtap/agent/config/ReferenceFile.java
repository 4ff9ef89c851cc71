package io.ringtap.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Generates {@code conf/ringtap-reference.yaml} from the declarations in {@link RingtapOptions}: every
 * option, commented out at its default, with its documentation, type, default and valid values.
 * A unit test fails when the committed file differs. Regenerate with
 * {@code mvn -B -o -q -pl agent test -Dtest=ReferenceFileTest -Dringtap.regenerate=true}
 * or run this class's {@code main} with the output path.
 */
public final class ReferenceFile {
    private static final int WIDTH = 100;

    private ReferenceFile() {
    }

    /** Writes the reference to {@code args[0]} (default {@code conf/ringtap-reference.yaml}). */
    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args.length > 0 ? args[0] : "conf/ringtap-reference.yaml");
        Files.write(out, render().getBytes(StandardCharsets.UTF_8));
    }

    /** The reference file's content. */
    public static String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ringtap agent configuration reference: every option, its type, default and valid values.\n");
        sb.append("# GENERATED from io.ringtap.agent.config.RingtapOptions -- do not edit; regenerate with\n");
        sb.append("#   mvn -B -o -q -pl agent test -Dtest=ReferenceFileTest -Dringtap.regenerate=true\n");
        sb.append("#\n");
        sb.append("# Keys are flat and dotted. Unknown keys are errors, except under kafka.*, which are handed\n");
        sb.append("# to the Kafka producer without the prefix. Any value may be written as ${env:NAME} or\n");
        sb.append("# ${file:/absolute/path} (read when the agent starts; keep secrets out of this file).\n");
        sb.append("# Values of keys that mention a password, a secret, a token or jaas, or end in .key, are never logged.\n");
        String group = "";
        for (Option o : RingtapOptions.all()) {
            String g = o.key().substring(0, o.key().indexOf('.'));
            if (!g.equals(group)) {
                group = g;
                sb.append("\n# ").append("-".repeat(20)).append(' ').append(g).append(".*\n");
            }
            sb.append('\n');
            wrap(sb, o.doc());
            sb.append("#   type: ").append(o.type().label());
            if (!o.choices().isEmpty()) {
                sb.append("; one of: ").append(String.join(", ", o.choices()));
            }
            String valid = o.validator().describe();
            if (!valid.isEmpty()) {
                sb.append("; valid: ").append(valid);
            }
            sb.append('\n');
            sb.append("#   default: ").append(defaultText(o));
            sb.append("; importance: ").append(o.importance().name().toLowerCase(java.util.Locale.ROOT));
            if (o.secret()) {
                sb.append("; secret");
            }
            sb.append('\n');
            sb.append('#').append(o.key()).append(':');
            if (o.defaultValue() != null) {
                sb.append(' ').append(yaml(o.defaultValue()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String defaultText(Option o) {
        if (o.defaultValue() != null) {
            return yaml(o.defaultValue());
        }
        if (o.required()) {
            return "none (required)";
        }
        return o.defaultDoc().isEmpty() ? "unset" : o.defaultDoc();
    }

    private static String yaml(Object value) {
        if (value instanceof List) {
            List<?> l = (List<?>) value;
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(quote(l.get(i).toString()));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        return quote(value.toString());
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./-]+") ? s : '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void wrap(StringBuilder sb, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > 1) {
                sb.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        sb.append(line).append('\n');
    }
}

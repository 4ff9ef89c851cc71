package io.ringtap.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a conf/lab template: every {@code ${name}} must have a value, so a typo fails loudly. */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private Template() {
    }

    static void render(Path template, Map<String, String> values, Path target) {
        try {
            String text = Files.readString(template);
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new LabException("template " + template + " needs a value for ${" + m.group(1) + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            Files.createDirectories(target.getParent());
            Files.writeString(target, out);
        } catch (IOException e) {
            throw new LabException("cannot render " + template + " to " + target + ": " + e.getMessage(), e);
        }
    }
}

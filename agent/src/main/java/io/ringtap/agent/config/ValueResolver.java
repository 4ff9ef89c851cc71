package io.ringtap.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} by the environment variable NAME and {@code ${file:/path}} by the file's
 * content (trailing line breaks removed), anywhere inside a string value, so secrets need not be written
 * in ringtap.yaml. Other {@code ${...}} text (e.g. forward.topic-template placeholders) is left alone.
 */
final class ValueResolver {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

    private final Function<String, String> environment;

    ValueResolver(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Resolves references in a raw YAML value (strings, and the strings of lists); other values pass through. */
    Object resolve(Object raw) {
        if (raw instanceof String) {
            return resolveString((String) raw);
        }
        if (raw instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) raw) {
                out.add(resolve(item));
            }
            return out;
        }
        return raw;
    }

    /** Whether a raw value holds a reference (its resolved form then counts as sensitive in problem messages). */
    static boolean hasReference(Object raw) {
        return raw instanceof String && REFERENCE.matcher((String) raw).find();
    }

    private String resolveString(String s) {
        Matcher m = REFERENCE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String kind = m.group(1);
            String arg = m.group(2).trim();
            String value = kind.equals("env") ? env(arg) : file(arg);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String env(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("${env:} needs a variable name");
        }
        String v = environment.apply(name);
        if (v == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return v;
    }

    private static String file(String name) {
        Path p;
        try {
            p = Paths.get(name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("${file:" + name + "}: not a path");
        }
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("${file:" + name + "}: the path must be absolute");
        }
        try {
            String content = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            int end = content.length();
            while (end > 0 && (content.charAt(end - 1) == '\n' || content.charAt(end - 1) == '\r')) {
                end--;
            }
            return content.substring(0, end);
        } catch (IOException e) {
            throw new IllegalArgumentException("${file:" + name + "}: cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }
}

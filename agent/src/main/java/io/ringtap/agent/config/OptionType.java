package io.ringtap.agent.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The value types an option can declare, and how a raw YAML value (or a substituted string) becomes a
 * typed value. Strings are accepted for every type because {@code ${env:...}} and {@code ${file:...}}
 * substitutions always produce strings.
 */
public enum OptionType {
    /** {@code true} or {@code false}. Java type {@link Boolean}. */
    BOOLEAN("boolean"),
    /** A 32-bit integer. Java type {@link Integer}. */
    INT("int"),
    /** A 64-bit integer. Java type {@link Long}. */
    LONG("long"),
    /** Any scalar, as text. Java type {@link String}. */
    STRING("string"),
    /**
     * A number of bytes: an integer, or an integer with a binary unit {@code k}, {@code m}, {@code g}
     * (also {@code KiB}, {@code MiB}, {@code GiB}), e.g. {@code 512m}. Java type {@link Long}.
     */
    SIZE("size"),
    /** A YAML list or a comma-separated string. Java type {@code List<String>}. */
    LIST("list"),
    /** An absolute file-system path. Java type {@link Path}. */
    PATH("path"),
    /** One of the option's declared choices. Java type {@link String}. */
    ENUM("enum");

    private final String label;

    OptionType(String label) {
        this.label = label;
    }

    /** The name shown in docs and error messages. */
    public String label() {
        return label;
    }

    /**
     * Converts a raw value (never {@code null}).
     *
     * @throws IllegalArgumentException with a message fit to follow the key in an error report
     */
    Object parse(Object raw) {
        switch (this) {
            case BOOLEAN:
                if (raw instanceof Boolean) {
                    return raw;
                }
                if (raw instanceof String) {
                    String s = ((String) raw).trim();
                    if (s.equalsIgnoreCase("true")) {
                        return Boolean.TRUE;
                    }
                    if (s.equalsIgnoreCase("false")) {
                        return Boolean.FALSE;
                    }
                }
                throw wrongType(raw);
            case INT: {
                long v = integral(raw);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("expected an int, got " + describe(raw) + " (out of range)");
                }
                return (int) v;
            }
            case LONG:
                return integral(raw);
            case SIZE:
                return size(raw);
            case STRING:
                if (raw instanceof Map || raw instanceof Collection) {
                    throw wrongType(raw);
                }
                return raw.toString();
            case LIST:
                return list(raw);
            case PATH: {
                if (!(raw instanceof String) || ((String) raw).trim().isEmpty()) {
                    throw wrongType(raw);
                }
                Path p;
                try {
                    p = Paths.get(((String) raw).trim());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("expected a path, got " + describe(raw) + ": " + e.getMessage());
                }
                if (!p.isAbsolute()) {
                    throw new IllegalArgumentException("expected an absolute path, got " + describe(raw));
                }
                return p.normalize();
            }
            case ENUM:
                if (raw instanceof Map || raw instanceof Collection) {
                    throw wrongType(raw);
                }
                return raw.toString().trim();
            default:
                throw new AssertionError(this);
        }
    }

    private long integral(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String) {
            try {
                return Long.parseLong(((String) raw).trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw wrongType(raw);
            }
        }
        throw wrongType(raw);
    }

    private long size(Object raw) {
        if (!(raw instanceof String)) {
            return integral(raw);
        }
        String s = ((String) raw).trim().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(k|kib|m|mib|g|gib)?").matcher(s);
        if (!m.matches()) {
            throw wrongType(raw);
        }
        int shift = m.group(2) == null ? 0 : m.group(2).charAt(0) == 'k' ? 10 : m.group(2).charAt(0) == 'm' ? 20 : 30;
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                throw wrongType(raw);
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw wrongType(raw);
        }
    }

    private static List<String> list(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof Collection) {
            for (Object item : (Collection<?>) raw) {
                if (item == null || item instanceof Map || item instanceof Collection) {
                    throw new IllegalArgumentException("expected a list of scalars, got " + describe(raw));
                }
                String s = item.toString().trim();
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return List.copyOf(out);
        }
        if (raw instanceof Map) {
            throw new IllegalArgumentException("expected a list, got a map");
        }
        for (String part : raw.toString().split(",")) {
            String s = part.trim();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private IllegalArgumentException wrongType(Object raw) {
        return new IllegalArgumentException("expected " + (this == INT ? "an " : "a ") + label + ", got " + describe(raw));
    }

    /** Describes a raw value for an error message; short, and never the content of a long string. */
    static String describe(Object raw) {
        if (raw instanceof Map) {
            return "a map";
        }
        if (raw instanceof Collection) {
            return "a list";
        }
        String s = String.valueOf(raw);
        if (s.length() > 40) {
            s = s.substring(0, 37) + "...";
        }
        return "'" + s + "'";
    }
}

package io.ringtap.agent.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a parsed (typed) option value. Returns {@code null} when the value is fine, else the problem,
 * phrased to follow the option's key in an error report.
 */
@FunctionalInterface
public interface Validator {

    /** Accepts everything. */
    Validator ANY = value -> null;

    String check(Object value);

    /** A human description of what is valid, for the reference file; empty when anything goes. */
    default String describe() {
        return "";
    }

    /** Integral values of at least {@code min}. */
    static Validator atLeast(long min) {
        return new Validator() {
            @Override
            public String check(Object value) {
                return ((Number) value).longValue() < min ? "must be at least " + min + ", got " + value : null;
            }

            @Override
            public String describe() {
                return ">= " + min;
            }
        };
    }

    /** Integral values within {@code [min, max]}. */
    static Validator between(long min, long max) {
        return new Validator() {
            @Override
            public String check(Object value) {
                long v = ((Number) value).longValue();
                return v < min || v > max ? "must be between " + min + " and " + max + ", got " + value : null;
            }

            @Override
            public String describe() {
                return min + " .. " + max;
            }
        };
    }

    /** {@code -1} (meaning: the broker's default) or integral values within {@code [min, max]}. */
    static Validator brokerDefaultOr(long min, long max) {
        return new Validator() {
            @Override
            public String check(Object value) {
                long v = ((Number) value).longValue();
                return v != -1 && (v < min || v > max)
                        ? "must be -1 (broker default) or between " + min + " and " + max + ", got " + value : null;
            }

            @Override
            public String describe() {
                return "-1 (broker default) or " + min + " .. " + max;
            }
        };
    }

    /** Non-blank strings. */
    static Validator nonBlank() {
        return new Validator() {
            @Override
            public String check(Object value) {
                return value.toString().trim().isEmpty() ? "must not be blank" : null;
            }

            @Override
            public String describe() {
                return "non-blank";
            }
        };
    }

    /** Strings using only {@code ${name}} placeholders from {@code allowed} and containing every one of {@code required}. */
    static Validator template(List<String> allowed, List<String> required) {
        Pattern placeholder = Pattern.compile("\\$\\{([^}]*)}");
        return new Validator() {
            @Override
            public String check(Object value) {
                String s = value.toString();
                Matcher m = placeholder.matcher(s);
                while (m.find()) {
                    if (!allowed.contains(m.group(1))) {
                        return "unknown placeholder ${" + m.group(1) + "} (allowed: " + placeholders(allowed) + ")";
                    }
                }
                for (String r : required) {
                    if (!s.contains("${" + r + "}")) {
                        return "must contain ${" + r + "}";
                    }
                }
                return null;
            }

            @Override
            public String describe() {
                return "placeholders " + placeholders(allowed) + "; must contain " + placeholders(required);
            }
        };
    }

    private static String placeholders(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append("${").append(n).append('}');
        }
        return sb.toString();
    }
}

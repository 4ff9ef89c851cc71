package io.ringtap.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} options of a suite, with defaults; {@code --help} prints them. */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final boolean help;

    private Args(boolean help) {
        this.help = help;
    }

    public static Args parse(String[] argv, Map<String, String> defaults) {
        boolean help = false;
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.startsWith("--") && defaults.containsKey(a.substring(2)) && i + 1 < argv.length) {
                values.put(a.substring(2), argv[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete option '" + a + "'; options: " + defaults);
            }
        }
        Args args = new Args(help);
        args.values.putAll(values);
        return args;
    }

    public boolean help() {
        return help;
    }

    public int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    public String string(String name) {
        return values.get(name);
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    /** The options in force, one {@code --name value} each, for the report. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append("--").append(k).append(' ').append(v));
        return sb.toString();
    }
}

package io.ringtap.agent.config;

import java.util.Locale;

/** Which option values must never appear in logs or error messages. */
public final class Secrets {
    /** What a secret value is shown as. */
    public static final String MASK = "******";

    private Secrets() {
    }

    /**
     * True for declared secret options and for any key whose name mentions a password, a secret, a token
     * or a JAAS config, or ends in {@code .key} ({@code kafka.ssl.key.password}, {@code kafka.sasl.jaas.config},
     * {@code kafka.ssl.keystore.key}, ...), declared or not.
     */
    public static boolean isSecret(String key) {
        Option declared = RingtapOptions.find(key);
        if (declared != null && declared.secret()) {
            return true;
        }
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.endsWith(".key");
    }

    /** The value as it may be logged under {@code key}. */
    public static String show(String key, Object value) {
        if (value == null) {
            return "null";
        }
        return isSecret(key) ? MASK : String.valueOf(value);
    }
}

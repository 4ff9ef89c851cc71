package io.ringtap.agent.forward;

import io.ringtap.agent.config.ConfigException;
import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.RingtapConfig;

import java.util.Map;

/** Forwarder settings from flat dotted keys, through the real config loader (so through RingtapOptions). */
final class TestSettings {
    private TestSettings() {
    }

    static RingtapConfig config(Map<String, String> keys) {
        try {
            return new ConfigLoader(name -> System.getenv(name)).fromMap(keys);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static ForwarderSettings of(Map<String, String> keys) {
        return ForwarderSettings.from(config(keys));
    }
}

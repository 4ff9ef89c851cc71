package io.ringtap.lab;

import java.util.Locale;

/** Whether starting a node with the agent waits for the agent's ready/disabled line in system.log. */
public enum AgentWait {
    /** Wait only if the agent jar holds {@code io.ringtap.agent.RingtapAgent} (a real pipeline, not a placeholder). */
    AUTO,
    ALWAYS,
    NEVER;

    public static AgentWait parse(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto": return AUTO;
            case "yes": case "true": case "always": return ALWAYS;
            case "no": case "false": case "never": return NEVER;
            default: throw new LabException("unknown agent wait '" + value + "' (auto|yes|no)");
        }
    }
}

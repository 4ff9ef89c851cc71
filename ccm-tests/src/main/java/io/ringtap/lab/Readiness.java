package io.ringtap.lab;

/**
 * What a node reported when it became ready.
 *
 * @param releaseVersion Cassandra's {@code release_version}
 * @param agent          the agent's state as seen in system.log
 * @param agentLine      the agent's ready/disabled log line, or null when not checked
 */
public record Readiness(String releaseVersion, Agent agent, String agentLine) {
    public enum Agent { READY, DISABLED, NOT_CHECKED }
}

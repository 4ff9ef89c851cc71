package io.ringtap.agent.eav;

import java.util.Objects;

/**
 * Where a change was captured: the event's {@code source} object. Never part of the event id.
 * {@code segment} and {@code position} are set for {@code cdc} captures only ({@code -1} otherwise).
 */
public final class Source {
    public static final String CDC = "cdc";
    public static final String TRIGGER = "trigger";

    private final String capture;
    private final String node;
    private final String dc;
    private final long segment;
    private final int position;

    public Source(String capture, String node, String dc, long segment, int position) {
        this.capture = Objects.requireNonNull(capture, "capture");
        this.node = Objects.requireNonNull(node, "node");
        this.dc = Objects.requireNonNull(dc, "dc");
        this.segment = segment;
        this.position = position;
    }

    public static Source cdc(String node, String dc, long segment, int position) {
        return new Source(CDC, node, dc, segment, position);
    }

    public static Source trigger(String node, String dc) {
        return new Source(TRIGGER, node, dc, -1, -1);
    }

    public String capture() { return capture; }
    public String node() { return node; }
    public String dc() { return dc; }
    public long segment() { return segment; }
    public int position() { return position; }
    public boolean hasPosition() { return segment >= 0; }
}

package io.ringtap.agent.queue;

/** A commit-log position: segment id and the offset just after a mutation in it. */
public final class CdcPosition {
    private final long segment;
    private final int position;

    public CdcPosition(long segment, int position) {
        this.segment = segment;
        this.position = position;
    }

    public long segment() { return segment; }
    public int position() { return position; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CdcPosition)) return false;
        CdcPosition that = (CdcPosition) o;
        return segment == that.segment && position == that.position;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(segment) * 31 + position;
    }

    @Override
    public String toString() {
        return segment + ":" + position;
    }
}

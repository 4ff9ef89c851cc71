package io.ringtap.agent.eav;

/** The EAV operations of the event contract (shared/spec/eav-event.md), with their wire names. */
public enum Op {
    ROW("row"),
    CELL("cell"),
    CELL_DELETE("cell_delete"),
    COLLECTION_DELETE("collection_delete"),
    ROW_DELETE("row_delete"),
    RANGE_DELETE("range_delete"),
    PARTITION_DELETE("partition_delete");

    private final String wireName;

    Op(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Op fromWireName(String name) {
        for (Op op : values()) {
            if (op.wireName.equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown op: " + name);
    }
}

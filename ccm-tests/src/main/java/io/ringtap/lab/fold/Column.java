package io.ringtap.lab.fold;

import java.util.Locale;
import java.util.Objects;

/**
 * One column of a table as the fold needs it.
 *
 * @param name       the column's name exactly as declared (case-sensitive)
 * @param kind       partition key, clustering, static or regular
 * @param type       its CQL type
 * @param descending for clustering columns: {@code CLUSTERING ORDER BY (... DESC)}
 */
public record Column(String name, ColumnKind kind, CqlType type, boolean descending) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
    }

    /**
     * The key {@code SELECT JSON} uses for this column: the name, wrapped in double quotes when it is not
     * all lower case (as Cassandra's Selection does).
     */
    public String jsonKey() {
        return jsonName(name);
    }

    static String jsonName(String name) {
        return name.equals(name.toLowerCase(Locale.US)) ? name : "\"" + name + "\"";
    }
}

package io.ringtap.lab.fold;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The integration tests' check of the spec's promise: the fold of captured events equals
 * {@code SELECT JSON *} of each table. Typical use:
 * <pre>{@code
 * List<JsonNode> events = ...; // queue dump lines or Kafka record values, parsed with FoldJson.parse
 * RowComparison.Result r = FoldCheck.compare(session, events, "ringtap_all", record.tables(), ConsistencyLevel.ALL);
 * assertThat(r.matches()).as(r.diff()).isTrue();
 * }</pre>
 */
public final class FoldCheck {
    private FoldCheck() {}

    /**
     * Folds the events of each of {@code keyspace}'s {@code tables} (events of other tables are ignored) with the
     * schema read from the session, and compares with {@code SELECT JSON *} read at {@code consistency}
     * ({@code null}: the session's default).
     */
    public static RowComparison.Result compare(CqlSession session, Collection<? extends JsonNode> events, String keyspace,
                                               Collection<String> tables, ConsistencyLevel consistency) {
        StringBuilder diff = new StringBuilder();
        for (String table : tables) {
            TableSchema schema = DriverSchemas.of(session, keyspace, table);
            RowComparison.Result r = compare(schema, events, SelectJson.rows(session, schema, consistency));
            if (!r.matches()) diff.append(r.diff());
        }
        return new RowComparison.Result(diff.length() == 0, diff.toString());
    }

    /** Folds the events of {@code schema}'s table (others ignored) and compares with the given SELECT JSON rows. */
    public static RowComparison.Result compare(TableSchema schema, Collection<? extends JsonNode> events, List<JsonNode> selectRows) {
        Fold fold = new Fold(schema);
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode e : events) if (fold.accepts(e)) mine.add(e);
        fold.applyAll(mine);
        return RowComparison.compare(schema, selectRows, fold.rows());
    }
}

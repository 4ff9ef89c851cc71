package io.ringtap.lab.fold;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads a table the way the fold is compared against: {@code SELECT JSON * FROM ks.t}, every page. */
public final class SelectJson {
    private SelectJson() {}

    public static List<JsonNode> rows(CqlSession session, TableSchema schema) {
        return rows(session, schema, null);
    }

    /** @param consistency {@code null} for the session's default */
    public static List<JsonNode> rows(CqlSession session, TableSchema schema, ConsistencyLevel consistency) {
        SimpleStatement st = SimpleStatement.newInstance(
                "SELECT JSON * FROM \"" + schema.keyspace() + "\".\"" + schema.table() + "\"");
        if (consistency != null) st = st.setConsistencyLevel(consistency);
        List<JsonNode> out = new ArrayList<>();
        for (Row r : session.execute(st)) out.add(FoldJson.parse(r.getString(0)));
        return out;
    }
}

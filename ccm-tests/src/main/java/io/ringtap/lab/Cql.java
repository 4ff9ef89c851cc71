package io.ringtap.lab;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.loadbalancing.NodeDistance;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** CQL access to one lab node: sessions pinned to that node as coordinator, and rows as JSON lines. */
public final class Cql {
    private static final Pattern SELECT_NOT_JSON = Pattern.compile("(?is)^\\s*select\\s+(?!json\\s).*");
    private static final Pattern SELECT_HEAD = Pattern.compile("(?i)^\\s*select\\s+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cql() {
    }

    /**
     * A session whose only coordinator is the node at {@code address} (other nodes are ignored by the load
     * balancer), so "read through node N" means exactly that.
     */
    public static CqlSession session(InetSocketAddress address, String datacenter, Duration requestTimeout) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(60))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withBoolean(DefaultDriverOption.METADATA_TOKEN_MAP_ENABLED, false)
                // lab nodes restart in seconds; the default backoff (up to 60 s) would outlast that
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_ONE")
                .build();
        return CqlSession.builder()
                .addContactPoint(address)
                .withLocalDatacenter(datacenter)
                .withConfigLoader(config)
                .withNodeDistanceEvaluator((node, localDc) ->
                        node.getEndPoint().resolve().equals(address) ? null : NodeDistance.IGNORED)
                .build();
    }

    /** {@code SELECT x ...} becomes {@code SELECT JSON x ...}; anything else is returned unchanged. */
    public static String asJsonSelect(String statement) {
        if (SELECT_NOT_JSON.matcher(statement).matches()) {
            return SELECT_HEAD.matcher(statement).replaceFirst("SELECT JSON ");
        }
        return statement;
    }

    /** Rows as JSON lines: the {@code [json]} column when present, else one object per row (e.g. LWT results). */
    public static List<String> jsonLines(ResultSet rs) {
        List<String> lines = new ArrayList<>();
        boolean jsonColumn = rs.getColumnDefinitions().size() == 1 && rs.getColumnDefinitions().contains("[json]");
        for (Row row : rs) {
            if (jsonColumn) {
                lines.add(row.getString("[json]"));
                continue;
            }
            ObjectNode obj = JSON.createObjectNode();
            for (int i = 0; i < rs.getColumnDefinitions().size(); i++) {
                ColumnDefinition def = rs.getColumnDefinitions().get(i);
                Object value = row.getObject(i);
                obj.set(def.getName().asInternal(), JSON.valueToTree(value == null ? null : value instanceof Number || value instanceof Boolean ? value : value.toString()));
            }
            lines.add(obj.toString());
        }
        return lines;
    }
}

package io.ringtap.lab.fold;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.internal.core.metadata.schema.DefaultColumnMetadata;
import com.datastax.oss.driver.internal.core.metadata.schema.DefaultTableMetadata;
import com.datastax.oss.driver.internal.core.type.UserDefinedTypeBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DriverSchemasTest {
    static final CqlIdentifier KS = CqlIdentifier.fromInternal("ks");
    static final CqlIdentifier T = CqlIdentifier.fromInternal("t");

    static ColumnMetadata col(String name, DataType type, boolean isStatic) {
        return new DefaultColumnMetadata(KS, T, CqlIdentifier.fromInternal(name), type, isStatic);
    }

    @Test
    void should_keep_kinds_order_and_frozenness_when_adapting_driver_metadata() {
        // Given driver metadata of a table with every kind of column
        UserDefinedType address = new UserDefinedTypeBuilder(KS, CqlIdentifier.fromInternal("address"))
                .withField(CqlIdentifier.fromInternal("street"), DataTypes.TEXT).build();
        ColumnMetadata pk1 = col("pk1", DataTypes.TEXT, false), pk2 = col("pk2", DataTypes.INT, false);
        ColumnMetadata ck = col("ck", DataTypes.TIMEUUID, false);
        ColumnMetadata s = col("s", DataTypes.INT, true);
        ColumnMetadata m = col("m", DataTypes.mapOf(DataTypes.INT, DataTypes.frozenListOf(DataTypes.TEXT)), false);
        ColumnMetadata v = col("v", DataTypes.vectorOf(DataTypes.FLOAT, 3), false);
        ColumnMetadata tu = col("tu", DataTypes.tupleOf(DataTypes.INT, DataTypes.DURATION), false);
        ColumnMetadata u = col("u", address, false);
        ColumnMetadata fu = col("fu", address.copy(true), false);
        Map<CqlIdentifier, ColumnMetadata> all = new LinkedHashMap<>();
        for (ColumnMetadata c : List.of(pk1, pk2, ck, s, m, v, tu, u, fu)) all.put(c.getName(), c);
        DefaultTableMetadata t = new DefaultTableMetadata(KS, T, UUID.randomUUID(), false, false, List.of(pk1, pk2),
                Map.of(ck, ClusteringOrder.DESC), all, Map.of(), Map.of());
        // When
        TableSchema schema = DriverSchemas.of(t);
        // Then
        assertThat(schema.columns()).extracting(Column::name).containsExactly("pk1", "pk2", "ck", "s", "fu", "m", "tu", "u", "v");
        assertThat(schema.column("ck").descending()).isTrue();
        assertThat(schema.column("s").kind()).isEqualTo(ColumnKind.STATIC);
        assertThat(schema.column("m").type().cql()).isEqualTo("map<int, frozen<list<text>>>");
        assertThat(schema.column("v").type().cql()).isEqualTo("vector<float, 3>");
        assertThat(schema.column("tu").type().cql()).isEqualTo("tuple<int, duration>");
        assertThat(schema.column("u").type().isMultiCell()).isTrue();
        assertThat(schema.column("fu").type().cql()).isEqualTo("frozen<address>");
    }
}

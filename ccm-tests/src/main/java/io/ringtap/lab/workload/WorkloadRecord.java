package io.ringtap.lab.workload;

import java.util.List;

/**
 * What a workload wrote.
 *
 * @param keyspace     its keyspace
 * @param tables       every table it wrote (all {@code cdc = true}): fold each and compare with SELECT JSON
 * @param statements   every statement executed, in order
 * @param expectations events the spec says some of those statements must produce
 */
public record WorkloadRecord(String keyspace, List<String> tables, List<String> statements, List<ExpectedEvent> expectations) {
    public WorkloadRecord {
        tables = List.copyOf(tables);
        statements = List.copyOf(statements);
        expectations = List.copyOf(expectations);
    }
}

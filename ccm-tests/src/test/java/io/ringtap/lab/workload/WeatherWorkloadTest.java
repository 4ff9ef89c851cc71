package io.ringtap.lab.workload;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WeatherWorkloadTest {

    @Test
    void should_write_same_values_when_sample_is_written_twice() {
        // Given a session that records the bound values of every execute
        List<List<Object>> first = new ArrayList<>(), second = new ArrayList<>();
        // When
        WeatherWorkload.writeSample(recording(first), 3);
        WeatherWorkload.writeSample(recording(second), 3);
        // Then 2 stations x 3 hours, deterministic, in the classic model's column order
        assertThat(first).hasSize(6).isEqualTo(second);
        assertThat(first.get(0)).containsExactly("725030:14732", 2026, 11, 23, 0, -5.6, -7.6, 1013.2, 0, 3.0, 0, "clear", 0.0, 0.0);
        assertThat(WeatherWorkload.CREATE_TABLE).contains("PRIMARY KEY ((wsid), year, month, day, hour)").endsWith("WITH cdc = true");
    }

    private static CqlSession recording(List<List<Object>> executed) {
        PreparedStatement prepared = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
                    if (!m.getName().equals("bind")) throw new UnsupportedOperationException(m.getName());
                    List<Object> values = List.of((Object[]) args[0]);
                    return Proxy.newProxyInstance(BoundStatement.class.getClassLoader(), new Class<?>[] {BoundStatement.class},
                            new Bound(values));
                });
        return (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(), new Class<?>[] {CqlSession.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "prepare" -> prepared;
                    case "execute" -> {
                        executed.add(((Bound) Proxy.getInvocationHandler(args[0])).values());
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private record Bound(List<Object> values) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            throw new UnsupportedOperationException(method.getName());
        }
    }
}

package io.ringtap.lab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CqlTest {
    @Test
    void should_rewrite_select_to_select_json_when_not_already_json() {
        // Given / When / Then
        assertThat(Cql.asJsonSelect("select * from ks.t")).isEqualTo("SELECT JSON * from ks.t");
        assertThat(Cql.asJsonSelect("  SELECT k, v FROM ks.t WHERE k = 'a'")).isEqualTo("SELECT JSON k, v FROM ks.t WHERE k = 'a'");
        assertThat(Cql.asJsonSelect("SELECT JSON k FROM ks.t")).isEqualTo("SELECT JSON k FROM ks.t");
        assertThat(Cql.asJsonSelect("INSERT INTO ks.t (k) VALUES ('select ')")).isEqualTo("INSERT INTO ks.t (k) VALUES ('select ')");
    }

    @Test
    void should_give_each_lab_a_distinct_jmx_port_when_nets_differ() {
        // Given two nets, When node ports are derived, Then they differ and stay below the ephemeral range
        LabSettings a = LabSettings.defaults().withNet("127.0.0").withNodes(3);
        LabSettings b = LabSettings.defaults().withNet("127.0.5").withNodes(3);
        assertThat(a.jmxPort(1)).isEqualTo(7201);
        assertThat(b.jmxPort(1)).isEqualTo(7701);
        assertThat(LabSettings.defaults().withNet("127.0.255").jmxPort(9)).isLessThan(32768);
        assertThat(a.address(3)).isEqualTo("127.0.0.3");
    }
}

package io.ringtap.bench.memory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JvmMemoryTest {

    @Test
    void should_read_heap_and_metaspace_used_when_given_g1_heap_info() {
        // Given: jcmd GC.heap_info of a G1 JVM
        String info = "12345:\n"
                + " garbage-first heap   total 524288K, used 91245K [0x00000000e0000000, 0x0000000100000000)\n"
                + "  region size 1024K, 3 young (3072K), 0 survivors (0K)\n"
                + " Metaspace       used 61234K, committed 62000K, reserved 1105920K\n"
                + "  class space    used 7000K, committed 7400K, reserved 1048576K\n";

        // When / Then
        assertThat(JvmMemory.heapUsed(info)).isEqualTo(91245L * 1024);
        assertThat(JvmMemory.metaspaceUsed(info)).isEqualTo(61234L * 1024);
    }

    @Test
    void should_sum_generations_when_given_serial_heap_info() {
        String info = " def new generation   total 157248K, used 1000K [0x0, 0x0, 0x0)\n"
                + "  eden space 139776K,   0% used [0x0, 0x0, 0x0)\n"
                + " tenured generation   total 349568K, used 30000K [0x0, 0x0, 0x0)\n"
                + " Metaspace       used 100K, committed 200K, reserved 1000K\n";

        assertThat(JvmMemory.heapUsed(info)).isEqualTo(31000L * 1024);
    }

    @Test
    void should_sum_live_bytes_per_prefix_when_given_a_class_histogram() {
        // Given
        String histo = " num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                + "   1:        123456       12345678  [B (java.base@17.0.15)\n"
                + "   2:          1000          48000  io.ringtap.agent.eav.EavEvent\n"
                + "   3:            10            800  io.ringtap.agent.queue.EventQueue\n"
                + "   4:             5           2000  org.apache.kafka.clients.producer.internals.RecordAccumulator\n"
                + "Total        124471       12396478\n";

        // When
        Map<String, Long> bytes = JvmMemory.bytesByPrefix(histo, List.of("io.ringtap.", "org.apache.kafka.", "net.openhft."));

        // Then
        assertThat(bytes).containsExactly(Map.entry("io.ringtap.", 48800L), Map.entry("org.apache.kafka.", 2000L),
                Map.entry("net.openhft.", 0L));
    }

    @Test
    void should_read_vmrss_in_bytes_when_given_proc_status() {
        assertThat(JvmMemory.rssOf("Name:\tjava\nVmHWM:\t  999 kB\nVmRSS:\t  1536000 kB\n")).isEqualTo(1536000L * 1024);
    }
}

package io.ringtap.agent;

import org.junit.jupiter.api.Test;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

class PremainTest {

    @Test
    void should_link_and_run_premain_with_jdk_classes_only_when_nothing_else_is_on_the_class_path() throws Exception {
        // Given a class loader that sees the agent's classes and the JDK, but no Cassandra, slf4j or Dropwizard
        URL agentClasses = Premain.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {agentClasses}, ClassLoader.getPlatformClassLoader())) {
            // When loading, linking and calling premain (an agent class that fails to link aborts the JVM)
            Class<?> premain = Class.forName(Premain.class.getName(), true, isolated);
            Method entry = premain.getMethod("premain", String.class, Instrumentation.class);
            entry.invoke(null, "/etc/cassandra/ringtap.yaml", null);

            // Then it returned, having loaded nothing outside the JDK but itself
            assertThat(premain.getClassLoader()).isSameAs(isolated);
        }
    }

    @Test
    void should_return_at_once_leaving_one_daemon_boot_thread_when_premain_runs() {
        // Given a JVM without a Cassandra node (the boot thread then waits for one, harmlessly)
        // When premain runs without an argument / Then it returns and boot waits on a daemon thread
        Premain.premain(null, null);
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().equals("ringtap-boot"))
                .isNotEmpty()
                .allMatch(Thread::isDaemon);
    }
}

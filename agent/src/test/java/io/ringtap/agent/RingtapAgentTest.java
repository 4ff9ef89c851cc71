package io.ringtap.agent;

import io.ringtap.agent.config.ConfigLoader;
import io.ringtap.agent.config.ConfigProblem;
import io.ringtap.agent.metrics.AgentState;
import io.ringtap.agent.metrics.RingtapMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RingtapAgentTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    private final RingtapMetrics metrics = new RingtapMetrics();
    private RingtapAgent agent;

    private PipelineContext context(String yaml) throws Exception {
        NodeFacts node = new NodeFacts("6f1c5e0a-0000-4000-8000-000000000001", "dc1", true,
                Paths.get("/var/lib/cassandra/cdc_raw"), Paths.get("/var/lib/cassandra/commitlog"));
        return new PipelineContext(new ConfigLoader(name -> null).parse(yaml), node, metrics);
    }

    private PipelineContext context() throws Exception {
        return context("queue.directory: /q\nforward.enabled: false\n");
    }

    /** Runs until interrupted, recording start, stop and close. */
    private final class Fake implements RunLoop, AutoCloseable {
        private final String name;
        final CountDownLatch started = new CountDownLatch(1);

        Fake(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void run() throws InterruptedException {
            threads.add(Thread.currentThread());
            events.add("run " + name);
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } finally {
                events.add("stopped " + name);
            }
        }

        @Override
        public void close() {
            events.add("closed " + name);
        }
    }

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void should_run_each_component_on_a_named_daemon_thread_in_order_when_started() throws Exception {
        // Given three components
        Fake queue = new Fake("queue");
        Fake capture = new Fake("capture");
        Fake forwarder = new Fake("forwarder");
        agent = RingtapAgent.builder(context())
                .component("queue", c -> queue).component("capture", c -> capture).component("forwarder", c -> forwarder)
                .build();

        // When starting
        agent.start();
        for (Fake f : List.of(queue, capture, forwarder)) {
            assertThat(f.started.await(5, TimeUnit.SECONDS)).isTrue();
        }

        // Then each runs on its own daemon thread ringtap-<name>
        assertThat(agent.componentNames()).containsExactly("queue", "capture", "forwarder");
        assertThat(threads).extracting(Thread::getName)
                .containsExactlyInAnyOrder("ringtap-queue", "ringtap-capture", "ringtap-forwarder");
        assertThat(threads).allMatch(Thread::isDaemon);
    }

    @Test
    void should_stop_and_close_in_reverse_order_when_closed() throws Exception {
        // Given three running components
        Fake queue = new Fake("queue");
        Fake capture = new Fake("capture");
        Fake forwarder = new Fake("forwarder");
        agent = RingtapAgent.builder(context())
                .component("queue", c -> queue).component("capture", c -> capture).component("forwarder", c -> forwarder)
                .build();
        agent.start();
        for (Fake f : List.of(queue, capture, forwarder)) {
            f.started.await(5, TimeUnit.SECONDS);
        }
        events.clear();

        // When closing
        agent.close();

        // Then the forwarder stops first and the queue last, each closed after its thread ended
        assertThat(events).containsExactly("stopped forwarder", "closed forwarder", "stopped capture",
                "closed capture", "stopped queue", "closed queue");
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(metrics.agentState()).isEqualTo(AgentState.STARTING);
    }

    @Test
    void should_open_resources_in_order_and_close_them_after_later_components_stopped() throws Exception {
        // Given a queue resource shared with a capture component
        List<String> queue = Collections.synchronizedList(new ArrayList<>());
        Fake capture = new Fake("capture");
        agent = RingtapAgent.builder(context())
                .resource("queue", c -> {
                    events.add("opened queue");
                    c.share(List.class, queue);
                    return () -> events.add("closed queue");
                })
                .component("capture", c -> {
                    assertThat(c.shared(List.class)).isSameAs(queue);
                    return capture;
                })
                .build();

        // When started then closed
        agent.start();
        capture.started.await(5, TimeUnit.SECONDS);
        assertThat(agent.componentNames()).containsExactly("queue", "capture");
        agent.close();

        // Then the queue opened first and closed last, after capture's thread stopped
        assertThat(events).containsExactly("opened queue", "run capture", "stopped capture", "closed capture", "closed queue");
        assertThat(threads).extracting(Thread::getName).containsExactly("ringtap-capture");
    }

    @Test
    void should_mark_the_agent_failed_when_a_run_loop_returns_on_its_own() throws Exception {
        // Given a component whose run loop returns (what a run loop does after a fatal error)
        Fake queue = new Fake("queue");
        CountDownLatch returned = new CountDownLatch(1);
        RunLoop fatal = new RunLoop() {
            @Override
            public String name() {
                return "capture";
            }

            @Override
            public void run() {
                returned.countDown();
            }
        };
        agent = RingtapAgent.builder(context()).component("queue", c -> queue).component("capture", c -> fatal).build();

        // When it runs
        agent.start();
        assertThat(returned.await(5, TimeUnit.SECONDS)).isTrue();

        // Then the agent state becomes failed while the other component keeps running
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (metrics.agentState() != AgentState.FAILED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(metrics.agentState()).isEqualTo(AgentState.FAILED);
        assertThat(metrics.all().get("AgentState")).extracting("value").isEqualTo(3);
        assertThat(threads).filteredOn(t -> t.getName().equals("ringtap-queue")).allMatch(Thread::isAlive);
    }

    @Test
    void should_stop_started_components_and_name_the_culprit_when_a_factory_fails() throws Exception {
        // Given a queue that starts and a capture that cannot be built
        Fake queue = new Fake("queue");
        agent = RingtapAgent.builder(context())
                .component("queue", c -> queue)
                .component("capture", c -> {
                    throw new IllegalStateException("cdc_raw missing");
                })
                .build();

        // When starting
        RingtapAgent.ComponentException e = catchThrowableOfType(RingtapAgent.ComponentException.class, agent::start);

        // Then the error names the component and cause, and the queue was stopped and closed
        assertThat(e.component()).isEqualTo("capture");
        assertThat(e.getMessage()).isEqualTo("component capture could not start: java.lang.IllegalStateException: cdc_raw missing");
        assertThat(events).endsWith("stopped queue", "closed queue");
        assertThat(threads).noneMatch(Thread::isAlive);
    }

    @Test
    void should_hand_shared_objects_to_later_factories() throws Exception {
        // Given a queue factory sharing an object the capture factory needs
        StringBuilder appender = new StringBuilder("appender");
        List<Object> seen = new ArrayList<>();
        agent = RingtapAgent.builder(context())
                .component("queue", c -> {
                    c.share(StringBuilder.class, appender);
                    return new Fake("queue");
                })
                .component("capture", c -> {
                    seen.add(c.shared(StringBuilder.class));
                    return new Fake("capture");
                })
                .build();

        // When starting / Then the capture factory got the queue's object
        agent.start();
        assertThat(seen).containsExactly(appender);
    }

    @Test
    void should_report_node_problems_with_their_keys_when_cdc_is_off_or_a_folder_is_unusable(@TempDir Path dir) throws Exception {
        // Given a node without CDC and a queue directory that is a file
        Path file = Files.createFile(dir.resolve("not-a-dir"));
        NodeFacts node = new NodeFacts("h", "dc1", false, dir.resolve("cdc_raw"), dir.resolve("commitlog"));
        PipelineContext context = new PipelineContext(
                new ConfigLoader(name -> null).parse("queue.directory: " + file + "\nforward.enabled: false\n"), node, metrics);

        // When checking the config against the node
        List<ConfigProblem> problems = AgentBoot.nodeProblems(context);

        // Then both are reported with their keys, and the derived folders were created
        assertThat(problems).extracting(ConfigProblem::key).containsExactly("capture.enabled", "queue.directory");
        assertThat(context.quarantineDirectory()).isEqualTo(dir.resolve("ringtap-quarantine"));
        assertThat(dir.resolve("ringtap-quarantine")).isDirectory();
        assertThat(dir.resolve("cdc_raw")).isDirectory();
    }
}

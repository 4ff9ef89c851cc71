package io.ringtap.agent;

import io.ringtap.agent.metrics.AgentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The composition root: builds the pipeline's parts in order (queue, capture, forwarder), runs each
 * component's {@link RunLoop} on a daemon thread {@code ringtap-<name>}, opens resources (no thread),
 * and stops and closes everything in reverse order.
 *
 * <p>It owns every thread of the agent. A run loop that returns (or throws) while the agent is not
 * stopping has met a fatal error: the agent state becomes {@link AgentState#FAILED}, the other
 * components keep running (capture goes on while the forwarder is down, and vice versa, within the
 * queue's bounds), and the node is never touched.
 */
public final class RingtapAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RingtapAgent.class);

    private final PipelineContext context;
    private final List<Named> factories;
    private final long stopTimeoutMillis;
    private final List<Running> running = new ArrayList<>();
    private volatile boolean stopping;
    private boolean started;

    private RingtapAgent(Builder b) {
        this.context = b.context;
        this.factories = List.copyOf(b.factories);
        this.stopTimeoutMillis = b.stopTimeoutMillis;
    }

    /** Starts describing an agent over {@code context}. */
    public static Builder builder(PipelineContext context) {
        return new Builder(context);
    }

    /**
     * Builds and starts every component, in declaration order. When one cannot be built, the ones
     * already started are stopped (reverse order) and the error is rethrown; the agent state is then
     * the caller's to set.
     */
    public synchronized void start() throws Exception {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        for (Named f : factories) {
            RunLoop loop = null;
            AutoCloseable resource = null;
            try {
                if (f.component != null) {
                    loop = Objects.requireNonNull(f.component.create(context), "factory returned null");
                } else {
                    resource = Objects.requireNonNull(f.resource.open(context), "factory returned null");
                }
            } catch (Exception | Error e) {
                close();
                throw new ComponentException(f.name, e);
            }
            if (loop == null) {
                running.add(new Running(f.name, null, null, resource));
                continue;
            }
            RunLoop l = loop;
            Thread thread = new Thread(() -> runLoop(l), "ringtap-" + loop.name());
            thread.setDaemon(true);
            running.add(new Running(loop.name(), loop, thread, loop instanceof AutoCloseable ? (AutoCloseable) loop : null));
            thread.start();
        }
    }

    /** Names of the started components and open resources, in start order. */
    public synchronized List<String> componentNames() {
        List<String> names = new ArrayList<>();
        for (Running r : running) {
            names.add(r.name);
        }
        return names;
    }

    /**
     * Stops everything in reverse start order: interrupts a component's thread and waits for it
     * (bounded), then closes it if it is {@link AutoCloseable}; closes a resource. Idempotent; never throws.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        List<Running> reversed = new ArrayList<>(running);
        Collections.reverse(reversed);
        for (Running r : reversed) {
            if (r.thread != null) {
                r.thread.interrupt();
                try {
                    r.thread.join(stopTimeoutMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (r.thread.isAlive()) {
                    log.warn("ringtap: {} did not stop within {} ms", r.thread.getName(), stopTimeoutMillis);
                }
            }
            if (r.closeable != null) {
                try {
                    r.closeable.close();
                } catch (Exception e) {
                    log.warn("ringtap: closing {} failed: {}", r.name, e.toString());
                }
            }
        }
        running.clear();
    }

    private void runLoop(RunLoop loop) {
        try {
            loop.run();
            if (!stopping) {
                failed(loop, "its run loop returned (fatal error, see above)");
            }
        } catch (InterruptedException e) {
            if (!stopping) {
                failed(loop, "it was interrupted");
            }
        } catch (Throwable t) {
            // the run loop broke its contract (it should log and return): this thread is its last line
            log.error("ringtap-{} stopped on an unexpected error; the node is unaffected", loop.name(), t);
            failed(loop, "it threw " + t);
        }
    }

    private void failed(RunLoop loop, String why) {
        context.metrics().agentState(AgentState.FAILED);
        log.warn("ringtap agent failed: component {} stopped because {}; the other components keep running",
                loop.name(), why);
    }

    /** A component that could not be built. */
    public static final class ComponentException extends Exception {
        private final String component;

        ComponentException(String component, Throwable cause) {
            super("component " + component + " could not start: " + cause, cause);
            this.component = component;
        }

        public String component() {
            return component;
        }
    }

    /** Declares the components of an agent, in start order. */
    public static final class Builder {
        private final PipelineContext context;
        private final List<Named> factories = new ArrayList<>();
        private long stopTimeoutMillis = 10_000;

        private Builder(PipelineContext context) {
            this.context = Objects.requireNonNull(context);
        }

        /** Adds a component; {@code name} labels build errors (the thread is named by the run loop). */
        public Builder component(String name, ComponentFactory factory) {
            factories.add(new Named(name, Objects.requireNonNull(factory), null));
            return this;
        }

        /** Adds a resource without a thread, opened at this point of the order. */
        public Builder resource(String name, ResourceFactory factory) {
            factories.add(new Named(name, null, Objects.requireNonNull(factory)));
            return this;
        }

        /** How long {@link #close()} waits for each thread. */
        public Builder stopTimeoutMillis(long millis) {
            this.stopTimeoutMillis = millis;
            return this;
        }

        public RingtapAgent build() {
            return new RingtapAgent(this);
        }
    }

    private static final class Named {
        final String name;
        final ComponentFactory component;
        final ResourceFactory resource;

        Named(String name, ComponentFactory component, ResourceFactory resource) {
            this.name = Objects.requireNonNull(name);
            this.component = component;
            this.resource = resource;
        }
    }

    /** A started component (loop and thread) or an open resource (neither). */
    private static final class Running {
        final String name;
        final RunLoop loop;
        final Thread thread;
        final AutoCloseable closeable;

        Running(String name, RunLoop loop, Thread thread, AutoCloseable closeable) {
            this.name = name;
            this.loop = loop;
            this.thread = thread;
            this.closeable = closeable;
        }
    }
}

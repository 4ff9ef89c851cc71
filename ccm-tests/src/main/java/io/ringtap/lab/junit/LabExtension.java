package io.ringtap.lab.junit;

import io.ringtap.lab.AgentWait;
import io.ringtap.lab.Lab;
import io.ringtap.lab.LabException;
import io.ringtap.lab.LabRuntime;
import io.ringtap.lab.LabSettings;
import io.ringtap.lab.Readiness;
import io.ringtap.lab.SyncMode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Path;
import java.util.Map;

/**
 * Brings one lab up per test class and tears it down after it:
 * <pre>
 * &#64;RegisterExtension
 * static final LabExtension LAB = LabExtension.builder().nodes(3).sync(SyncMode.GROUP).build();
 * ...  LAB.lab().session(2).execute(...);  LAB.lab().node(2).kill();  LAB.lab().node(2).start();
 * </pre>
 * The lab lives in {@code ccm-tests/target/labs/<TestClass>} (wiped first, deleted after); when a test fails, or the
 * lab does not come up, node and broker logs are copied to {@code ccm-tests/target/lab-logs/<TestClass>/<test>/}.
 * Every process the lab started is killed after the class and, failing that, when the test JVM exits.
 * Test methods and lifecycle methods may also take a {@link Lab} parameter.
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher, ParameterResolver {
    private final LabSettings settings;
    private final boolean tolerateAgentDisabled;
    private final Map<String, String> agentConfig;
    private LabRuntime runtime;
    private Lab lab;
    private String testClass;
    private Map<String, Readiness> readiness;

    private LabExtension(LabSettings settings, boolean tolerateAgentDisabled, Map<String, String> agentConfig) {
        this.settings = settings;
        this.tolerateAgentDisabled = tolerateAgentDisabled;
        this.agentConfig = Map.copyOf(agentConfig);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The running lab of the current test class. */
    public Lab lab() {
        if (lab == null) {
            throw new IllegalStateException("the lab is not up (used outside the test class lifecycle?)");
        }
        return lab;
    }

    /** What each node reported when the lab came up, by node name (e.g. the agent's ready/disabled line). */
    public Map<String, Readiness> readiness() {
        return readiness;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        testClass = context.getRequiredTestClass().getSimpleName();
        runtime = LabRuntime.locate();
        Path dir = target().resolve("labs").resolve(testClass);
        Lab.wipe(runtime, dir);
        try {
            lab = Lab.create(runtime, dir, settings, true);
            if (!agentConfig.isEmpty()) {
                lab.nodes().forEach(n -> AgentConfigOverrides.apply(n.agentConfig(), agentConfig));
            }
            readiness = lab.up();
            if (!tolerateAgentDisabled) {
                readiness.forEach((node, r) -> {
                    if (r.agent() == Readiness.Agent.DISABLED) {
                        throw new LabException(node + ": " + r.agentLine());
                    }
                });
            }
        } catch (RuntimeException e) {
            if (lab != null) {
                LabLogs.copy(lab, target().resolve("lab-logs").resolve(testClass).resolve("lab-startup"));
                lab.close();
                lab = null;
            }
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lab != null) {
            try {
                lab.close();
                lab.down(true);
            } finally {
                lab = null;
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (lab != null) {
            LabLogs.copy(lab, target().resolve("lab-logs").resolve(testClass).resolve(context.getTestMethod().map(m -> m.getName()).orElse("unknown")));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return lab();
    }

    private Path target() {
        return runtime.repoRoot().resolve("ccm-tests/target");
    }

    /** Shape of the lab; defaults: one node, agent installed, periodic sync, a Kafka broker, net from RINGTAP_LAB_NET. */
    public static final class Builder {
        private LabSettings settings = LabSettings.defaults();
        private boolean tolerateAgentDisabled;
        private final Map<String, String> agentConfig = new java.util.LinkedHashMap<>();

        public Builder nodes(int n) { settings = settings.withNodes(n); return this; }
        public Builder agent(boolean on) { settings = settings.withAgent(on); return this; }
        public Builder sync(SyncMode mode) { settings = settings.withSync(mode); return this; }
        public Builder kafka(boolean on) { settings = settings.withKafka(on); return this; }
        /** Default {@link AgentWait#AUTO}: wait for the agent's log line only once the real agent exists. */
        public Builder agentWait(AgentWait wait) { settings = settings.withAgentWait(wait); return this; }
        public Builder cdcTotalSpace(String space) { settings = settings.withCdcTotalSpace(space); return this; }
        public Builder heap(String heap) { settings = settings.withHeap(heap); return this; }
        /** Let the lab come up even if an agent logs {@code ringtap agent disabled:} (tests of bad configs). */
        public Builder tolerateAgentDisabled() { tolerateAgentDisabled = true; return this; }

        /**
         * Sets {@code key: value} in every node's {@code ringtap.yaml} before the nodes first start (replacing the
         * template's line for that key, if any), e.g. {@code agentConfig("forward.backoff-max-ms", "2000")}.
         */
        public Builder agentConfig(String key, String value) { agentConfig.put(key, value); return this; }

        public LabExtension build() {
            return new LabExtension(settings, tolerateAgentDisabled, agentConfig);
        }
    }
}

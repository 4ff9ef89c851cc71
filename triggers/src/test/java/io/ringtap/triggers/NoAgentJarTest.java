package io.ringtap.triggers;

import org.apache.cassandra.db.partitions.PartitionUpdate;
import org.apache.cassandra.exceptions.InvalidRequestException;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.triggers.ITrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trigger jar installed on a node started without the agent ({@code -javaagent} missing). */
class NoAgentJarTest {
    private static final TableMetadata T = Tables.table("CREATE TABLE shop.t (id int PRIMARY KEY, name text)");

    @AfterEach
    void reset() {
        System.clearProperty(OnMissingAgent.PROPERTY);
    }

    /** Loads the trigger as Cassandra would, from a loader that sees Cassandra but no ringtap agent class. */
    private static ITrigger triggerWithoutAgent() throws Exception {
        ClassLoader app = NoAgentJarTest.class.getClassLoader();
        ClassLoader hidingRingtap = new ClassLoader(app) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.ringtap.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        URL triggerClasses = RingtapTrigger.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader triggersDir = new URLClassLoader(new URL[] {triggerClasses}, hidingRingtap);
        Class<?> c = Class.forName(RingtapTrigger.class.getName(), true, triggersDir);
        assertThat(c.getClassLoader()).isSameAs(triggersDir);
        return (ITrigger) c.getConstructor().newInstance();
    }

    private static PartitionUpdate insert() {
        PartitionUpdate.SimpleBuilder b = PartitionUpdate.simpleBuilder(T, 7).timestamp(42);
        b.row().add("name", "Ann");
        return b.build();
    }

    @Test
    void should_fail_write_saying_agent_not_installed_when_agent_classes_are_absent() throws Exception {
        // Given
        ITrigger trigger = triggerWithoutAgent();

        // When / Then
        assertThatThrownBy(() -> trigger.augment(insert()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ringtap trigger refused the write to shop.t")
                .hasMessageContaining("the ringtap agent is not installed in this JVM");
    }

    @Test
    void should_let_write_through_when_agent_classes_are_absent_and_property_skips() throws Exception {
        // Given
        ITrigger trigger = triggerWithoutAgent();
        System.setProperty(OnMissingAgent.PROPERTY, "skip-with-error");

        // When / Then
        assertThat(trigger.augment(insert())).isEmpty();
    }
}

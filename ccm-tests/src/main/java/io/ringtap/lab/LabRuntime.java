package io.ringtap.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipFile;

/**
 * What the lab launches from, all produced by the Maven build of the repository: the Cassandra and Kafka runtime
 * classpaths, the agent and triggers jars, the JDK 17 flags Cassandra needs, and the conf/lab templates.
 */
public final class LabRuntime {
    private final Path repoRoot;
    private final Properties versions;

    private LabRuntime(Path repoRoot, Properties versions) {
        this.repoRoot = repoRoot;
        this.versions = versions;
    }

    /**
     * Finds the repository from system property {@code ringtap.repo.root}, env {@code RINGTAP_REPO_ROOT}, or the
     * nearest parent of the working directory holding {@code conf/lab/cassandra.yaml}.
     */
    public static LabRuntime locate() {
        String configured = System.getProperty("ringtap.repo.root", System.getenv("RINGTAP_REPO_ROOT"));
        Path root = null;
        if (configured != null && !configured.isBlank()) {
            root = Paths.get(configured).toAbsolutePath().normalize();
        } else {
            for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("conf/lab/cassandra.yaml"))) {
                    root = p;
                    break;
                }
            }
        }
        if (root == null || !Files.isRegularFile(root.resolve("conf/lab/cassandra.yaml"))) {
            throw new LabException("cannot find the ringtap repository (conf/lab/cassandra.yaml); set RINGTAP_REPO_ROOT");
        }
        Properties props = new Properties();
        try (InputStream in = LabRuntime.class.getResourceAsStream("/ringtap-lab.properties")) {
            if (in == null) {
                throw new LabException("ringtap-lab.properties missing from the classpath; build ccm-tests first");
            }
            props.load(in);
        } catch (IOException e) {
            throw new LabException("cannot read ringtap-lab.properties: " + e.getMessage(), e);
        }
        return new LabRuntime(root, props);
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public Path template(String name) {
        return repoRoot.resolve("conf/lab").resolve(name);
    }

    public String version() {
        return versions.getProperty("ringtap.version");
    }

    public Path agentJar() {
        return repoRoot.resolve("agent/target/ringtap-agent-" + version() + ".jar");
    }

    public Path triggersJar() {
        return repoRoot.resolve("triggers/target/ringtap-triggers-" + version() + ".jar");
    }

    public String cassandraClasspath() {
        return readClasspath(repoRoot.resolve("ccm-tests/runtime/cassandra/target/classpath.txt"));
    }

    public String kafkaClasspath() {
        return readClasspath(repoRoot.resolve("ccm-tests/runtime/kafka/target/classpath.txt"));
    }

    /** The JDK 17 flags of Cassandra's jvm17-server.options plus jamm as a javaagent, for any JVM loading Cassandra. */
    public List<String> cassandraJvmFlags() {
        List<String> flags = new ArrayList<>(Arrays.asList(versions.getProperty("cassandra.jvm.args").trim().split("\\s+")));
        flags.add("-javaagent:" + jammJar());
        return flags;
    }

    private String jammJar() {
        return Arrays.stream(cassandraClasspath().split(":"))
                .filter(p -> Paths.get(p).getFileName().toString().startsWith("jamm-"))
                .findFirst()
                .orElseThrow(() -> new LabException("no jamm jar on the Cassandra runtime classpath"));
    }

    /** True if the agent jar holds the given class (e.g. to tell the real agent from a placeholder). */
    public boolean agentHasClass(String className) {
        Path jar = agentJar();
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The java launcher of the running JVM, so nodes run on the same JDK as the harness. */
    public static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String readClasspath(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new LabException("missing " + file + "; run: mvn -B -q -DskipTests package");
        }
    }
}

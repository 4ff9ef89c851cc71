package io.ringtap.lab.junit;

import io.ringtap.lab.CassandraNode;
import io.ringtap.lab.Lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies the logs (and confs) of a lab's nodes and broker aside, so a failed test can be diagnosed. */
final class LabLogs {
    private LabLogs() {
    }

    static void copy(Lab lab, Path target) {
        for (CassandraNode n : lab.nodes()) {
            copyTree(n.logsDir(), target.resolve(n.name()).resolve("logs"));
            copyTree(n.confDir(), target.resolve(n.name()).resolve("conf"));
        }
        if (lab.hasKafka()) {
            copyTree(lab.kafka().logsDir(), target.resolve("kafka").resolve("logs"));
        }
    }

    private static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.toString().endsWith(".hprof")) {
                    continue;
                }
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("could not copy lab logs from " + from + ": " + e.getMessage());
        }
    }
}

package io.ringtap.lab.forward;

import io.ringtap.lab.CassandraNode;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Reads one of ringtap's gauges ({@code org.apache.cassandra.metrics:type=Ringtap,name=<Name>}) over the node's local JMX port. */
final class RingtapJmx {
    private RingtapJmx() {
    }

    static long gauge(CassandraNode node, String name) {
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + node.jmxPort() + "/jmxrmi");
            try (JMXConnector c = JMXConnectorFactory.connect(url)) {
                MBeanServerConnection mbs = c.getMBeanServerConnection();
                Object v = mbs.getAttribute(new ObjectName("org.apache.cassandra.metrics:type=Ringtap,name=" + name), "Value");
                return ((Number) v).longValue();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read Ringtap " + name + " of " + node.name() + ": " + e, e);
        }
    }
}

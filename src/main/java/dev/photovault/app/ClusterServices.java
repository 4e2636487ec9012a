package dev.photovault.app;

import dev.photovault.vault.core.VaultException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.util.TimeUtils;

/**
 * The cluster service {@code cluster.service} names, so that several photovault nodes run each schedule on one of
 * them: the shipped scheduled routes start from {@code master:<cluster.namespace>:quartz:…} when one is set (the
 * property {@code cluster.route-prefix}), and Camel's master component keeps exactly one node's consumers running,
 * handing over when the leader goes away. Empty: a single node, plain Quartz schedules.
 */
final class ClusterServices {

    /** The namespace prefix routes put before their Quartz URI, or "" on a single node. */
    static final String ROUTE_PREFIX = "cluster.route-prefix";

    private ClusterServices() {
    }

    /** Adds the configured cluster service to {@code context} and sets the route prefix; nothing when none is set. */
    static void configure(CamelContext context) throws Exception {
        String service = PhotovaultBeans.property(context, "cluster.service").trim().toLowerCase(Locale.ROOT);
        if (service.isEmpty()) {
            return;
        }
        String namespace = orDefault(PhotovaultBeans.property(context, "cluster.namespace"), "photovault");
        String nodeId = orDefault(PhotovaultBeans.property(context, "cluster.node-id"),
                dev.photovault.vault.core.repository.Hosts.hostname() + "-" + ProcessHandle.current().pid());
        CamelClusterService cluster = switch (service) {
            case "file" -> file(context, nodeId);
            case "zookeeper" -> zookeeper(context, nodeId);
            default -> throw new VaultException("cluster.service=" + service + " is not a cluster service photovault"
                    + " knows: use file (a folder all nodes share) or zookeeper (cluster.zookeeper.nodes), or leave"
                    + " it empty for one node");
        };
        context.addService(cluster);
        context.getPropertiesComponent().addOverrideProperty(ROUTE_PREFIX, "master:" + namespace + ":");
    }

    private static CamelClusterService file(CamelContext context, String nodeId) {
        String root = PhotovaultBeans.property(context, "cluster.file.root");
        if (root.isBlank()) {
            throw new VaultException("cluster.service=file needs cluster.file.root, a folder every node shares");
        }
        long interval = TimeUtils.toMilliSeconds(orDefault(PhotovaultBeans.property(context, "cluster.file.interval"), "10s"));
        FileLockClusterService file = new FileLockClusterService();
        file.setId(nodeId);
        file.setRoot(root);
        file.setAcquireLockDelay(Math.min(1000, interval), TimeUnit.MILLISECONDS);
        file.setAcquireLockInterval(interval, TimeUnit.MILLISECONDS);
        return file;
    }

    private static CamelClusterService zookeeper(CamelContext context, String nodeId) {
        String nodes = PhotovaultBeans.property(context, "cluster.zookeeper.nodes");
        if (nodes.isBlank()) {
            throw new VaultException("cluster.service=zookeeper needs cluster.zookeeper.nodes=host:port,…");
        }
        ZooKeeperClusterService zk = new ZooKeeperClusterService();
        zk.setId(nodeId);
        zk.setNodes(nodes.trim());
        zk.setBasePath(orDefault(PhotovaultBeans.property(context, "cluster.zookeeper.base-path"), "/photovault"));
        // The session timeout is how long a dead leader keeps its leadership: the take-over time.
        zk.setSessionTimeout(TimeUtils.toMilliSeconds(
                orDefault(PhotovaultBeans.property(context, "cluster.zookeeper.session-timeout"), "30s")));
        return zk;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}

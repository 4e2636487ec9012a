package dev.photovault.app;

import dev.photovault.vault.core.VaultException;
import java.util.Locale;
import java.util.Map;
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
            case "kubernetes" -> kubernetes(context, nodeId);
            default -> bean(context, service);
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

    /** {@code cluster.service=#name}: a CamelClusterService bean of the user's (any of Camel's, or their own). */
    private static CamelClusterService bean(CamelContext context, String service) {
        if (service.startsWith("#") && service.length() > 1) {
            String name = PhotovaultBeans.property(context, "cluster.service").trim().substring(1);
            CamelClusterService bean = context.getRegistry().lookupByNameAndType(name, CamelClusterService.class);
            if (bean == null) {
                throw new VaultException("cluster.service=#" + name + ": no CamelClusterService bean of that name");
            }
            return bean;
        }
        throw new VaultException("cluster.service=" + service + " is not a cluster service photovault knows: use"
                + " file (a folder all nodes share), zookeeper (cluster.zookeeper.nodes), kubernetes (Leases), or"
                + " #bean for a CamelClusterService of your own, or leave it empty for one node");
    }

    /**
     * Leader election on Kubernetes Leases (coordination.k8s.io/v1), one Lease per namespace (account), through the
     * API server of the pod's service account (or cluster.kubernetes.master-url). The node id should be the pod's
     * name (the default, HOSTNAME, is).
     */
    private static CamelClusterService kubernetes(CamelContext context, String nodeId) {
        String master = PhotovaultBeans.property(context, "cluster.kubernetes.master-url");
        // The client is built here: with no master URL, from the pod's service account (or ~/.kube/config).
        io.fabric8.kubernetes.client.Config config = master.isBlank()
                ? io.fabric8.kubernetes.client.Config.autoConfigure(null)
                : new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(master.trim()).build();
        config.setConnectionTimeout(10_000);
        config.setRequestTimeout(10_000);
        org.apache.camel.component.kubernetes.KubernetesConfiguration client =
                new org.apache.camel.component.kubernetes.KubernetesConfiguration();
        client.setKubernetesClient(new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build());
        org.apache.camel.component.kubernetes.cluster.KubernetesClusterService k8s =
                new org.apache.camel.component.kubernetes.cluster.KubernetesClusterService(client);
        // Camel takes part only as a pod it finds in the namespace: the node id must be the pod's name, which is
        // its hostname (so, unlike the other services, no -pid suffix by default).
        String pod = orDefault(PhotovaultBeans.property(context, "cluster.node-id"),
                dev.photovault.vault.core.repository.Hosts.hostname());
        k8s.setId(pod);
        k8s.setPodName(pod);
        String labels = PhotovaultBeans.property(context, "cluster.kubernetes.labels");
        if (!labels.isBlank()) {
            Map<String, String> selector = new java.util.LinkedHashMap<>();
            for (String pair : labels.split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new VaultException("cluster.kubernetes.labels: '" + pair + "' is not name=value");
                }
                selector.put(kv[0].trim(), kv[1].trim());
            }
            k8s.setClusterLabels(selector);
        }
        k8s.setLeaseResourceType(org.apache.camel.component.kubernetes.cluster.LeaseResourceType.Lease);
        // The Leases live in cluster.kubernetes.namespace, else the pod's own namespace, else "default".
        String namespace = orDefault(PhotovaultBeans.property(context, "cluster.kubernetes.namespace"),
                orDefault(config.getNamespace(), "default"));
        k8s.setKubernetesResourcesNamespace(namespace);
        k8s.setKubernetesResourceName(orDefault(PhotovaultBeans.property(context, "cluster.kubernetes.lease-prefix"),
                "photovault"));
        long lease = TimeUtils.toMilliSeconds(orDefault(
                PhotovaultBeans.property(context, "cluster.kubernetes.lease-duration"), "15s"));
        k8s.setLeaseDurationMillis(lease);
        k8s.setRenewDeadlineMillis(lease * 2 / 3);
        k8s.setRetryPeriodMillis(Math.max(200, lease / 5));
        return k8s;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}

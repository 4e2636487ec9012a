package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cluster.service=kubernetes, as ClusterServices configures it, against fabric8's Kubernetes API server in CRUD mode
 * (Leases are created, read and replaced as a real API server does; no Kubernetes runs here): of two nodes only the
 * holder of the Lease runs the master: routes; when its pod dies the other takes the Lease over; each namespace (account) has
 * a Lease of its own.
 */
class KubernetesClusterTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        // CRUD mode (the dispatcher keeps what it is sent), plain HTTP (the nodes build their own clients).
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new io.fabric8.mockwebserver.MockWebServer(),
                new java.util.HashMap<>(), new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        // The pods of the Deployment, as Kubernetes would have them (Camel only lets a pod it finds take part).
        for (String pod : List.of("node-a", "node-b", "other-app")) {
            client.pods().inNamespace("photos").resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
                    .withName(pod).addToLabels("app", pod.startsWith("node") ? "photovault" : "web").endMetadata()
                    .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                    .endCondition().endStatus().build()).create();
        }
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private CamelContext node(String id, AtomicInteger ticks) throws Exception {
        CamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.put("cluster.service", "kubernetes");
        p.put("cluster.node-id", id);
        p.put("cluster.kubernetes.master-url", client.getConfiguration().getMasterUrl());
        p.put("cluster.kubernetes.namespace", "photos");
        p.put("cluster.kubernetes.lease-duration", "3s");
        p.put("cluster.kubernetes.labels", "app=photovault");
        context.getPropertiesComponent().setInitialProperties(p);
        ClusterServices.configure(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("{{" + ClusterServices.ROUTE_PREFIX + "}}timer:backup?period=100").process(x -> ticks.incrementAndGet());
                from("master:photovault-bob:timer:bob?period=100").process(x -> { });
            }
        });
        context.start();
        return context;
    }

    private static boolean await(AtomicInteger ticks, int atLeast, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (ticks.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return ticks.get() >= atLeast;
    }

    @Test
    void onlyTheLeaseHolderRunsAndTheOtherTakesOverWhenItStops() throws Exception {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        CamelContext first = node("node-a", a);
        CamelContext second = null;
        try {
            assertThat(await(a, 3, 30)).as("node-a leads").isTrue();
            second = node("node-b", b);
            int before = a.get();
            assertThat(await(a, before + 10, 30)).isTrue();
            assertThat(b.get()).as("node-b follows while node-a holds the Lease").isZero();
            List<Lease> leases = client.leases().inNamespace("photos").list().getItems();
            assertThat(leases).extracting(l -> l.getSpec().getHolderIdentity()).contains("node-a");
            assertThat(leases).hasSize(2); // one per namespace: photovault, photovault-bob

            // node-a's pod dies: its process stops renewing the Lease and Kubernetes removes the pod.
            first.stop();
            client.pods().inNamespace("photos").withName("node-a").delete();
            assertThat(await(b, 3, 30)).as("node-b takes the Lease over").isTrue();
            int frozen = a.get();
            Thread.sleep(300);
            assertThat(a.get()).isEqualTo(frozen);
        } finally {
            first.stop();
            if (second != null) {
                second.stop();
            }
        }
    }
}

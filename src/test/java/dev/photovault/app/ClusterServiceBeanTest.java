package dev.photovault.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cluster.service=#name takes a CamelClusterService bean of the user's; a wrong name or service is one line. */
class ClusterServiceBeanTest {

    @TempDir
    Path dir;

    private static CamelContext context(String service) {
        CamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.put("cluster.service", service);
        context.getPropertiesComponent().setInitialProperties(p);
        return context;
    }

    @Test
    void aBeanOfTheUsersIsTheClusterService() throws Exception {
        CamelContext context = context("#sharedLock");
        FileLockClusterService mine = new FileLockClusterService();
        mine.setRoot(dir.toString());
        context.getRegistry().bind("sharedLock", mine);
        ClusterServices.configure(context);
        assertThat(context.hasService(CamelClusterService.class)).isSameAs(mine);
        assertThat(context.resolvePropertyPlaceholders("{{" + ClusterServices.ROUTE_PREFIX + "}}"))
                .isEqualTo("master:photovault:");
    }

    @Test
    void aMissingBeanOrAnUnknownServiceIsOneLine() {
        assertThatThrownBy(() -> ClusterServices.configure(context("#nothing")))
                .hasMessage("cluster.service=#nothing: no CamelClusterService bean of that name");
        CamelContext badLabels = context("kubernetes");
        badLabels.getPropertiesComponent().addOverrideProperty("cluster.kubernetes.master-url", "http://127.0.0.1:9");
        badLabels.getPropertiesComponent().addOverrideProperty("cluster.kubernetes.labels", "app");
        assertThatThrownBy(() -> ClusterServices.configure(badLabels))
                .hasMessage("cluster.kubernetes.labels: 'app' is not name=value");
        assertThatThrownBy(() -> ClusterServices.configure(context("consul")))
                .hasMessageContaining("cluster.service=consul is not a cluster service photovault knows")
                .hasMessageContaining("kubernetes");
    }
}

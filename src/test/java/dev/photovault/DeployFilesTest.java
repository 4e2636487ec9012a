package dev.photovault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.cli.PhotovaultCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The deployment files of docs/deploy.md (deploy/): each parses as what it is, its photovault command line is one
 * the command accepts, its settings are settings photovault has, and docs/deploy.md shows it exactly as it is.
 */
class DeployFilesTest {

    static final Path DEPLOY = Path.of("deploy");

    /** Sections of a systemd unit: name → key → values (a key may repeat). */
    static Map<String, Map<String, List<String>>> unit(Path file) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[")) {
                assertThat(l).as(file + ": a section header").matches("\\[[A-Za-z]+]");
                current = sections.computeIfAbsent(l.substring(1, l.length() - 1), k -> new LinkedHashMap<>());
                continue;
            }
            assertThat(current).as(file + ": a key before any section: " + l).isNotNull();
            assertThat(l).as(file + ": Key=value").matches("[A-Za-z]+=.*");
            int eq = l.indexOf('=');
            current.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
        }
        return sections;
    }

    /** The photovault arguments of a {@code java … -jar …/photovault.jar ARGS} command, checked by picocli. */
    static List<String> photovaultArguments(List<String> command) {
        int jar = command.indexOf("-jar");
        assertThat(jar).as("java -jar in %s", command).isPositive();
        assertThat(command.get(0)).endsWith("java");
        assertThat(command.get(jar + 1)).endsWith("/photovault.jar"); // the pom's finalName
        List<String> args = command.subList(jar + 2, command.size());
        new CommandLine(new PhotovaultCommand()).parseArgs(args.toArray(String[]::new)); // throws if refused
        return args;
    }

    /** Every setting a deployment file gives is one photovault has (config/application.properties lists them all). */
    static void knownSettings(Properties given) throws IOException {
        Properties known = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            known.load(in);
        }
        for (String name : given.stringPropertyNames()) {
            assertThat(known).as("a setting photovault has: %s", name).containsKey(name);
        }
    }

    @Test
    void theSystemdUnitsRunCommandsPhotovaultAccepts() throws Exception {
        var service = unit(DEPLOY.resolve("systemd/photovault.service"));
        assertThat(service).containsKeys("Unit", "Service", "Install");
        assertThat(service.get("Service").get("Type")).containsExactly("simple");
        assertThat(service.get("Service").get("User")).containsExactly("photovault");
        List<String> run = photovaultArguments(Arrays.asList(service.get("Service").get("ExecStart").get(0).split(" ")));
        assertThat(run).startsWith("run").doesNotContain("--once");

        var once = unit(DEPLOY.resolve("systemd/photovault-once.service"));
        assertThat(once.get("Service").get("Type")).containsExactly("oneshot");
        assertThat(photovaultArguments(Arrays.asList(once.get("Service").get("ExecStart").get(0).split(" "))))
                .startsWith("run", "--once");
        // A partial snapshot (exit 3) is not a failed unit: the next run fetches the rest.
        assertThat(once.get("Service").get("SuccessExitStatus")).containsExactly("3");
        var incomplete = PhotovaultCommand.class.getDeclaredField("INCOMPLETE");
        incomplete.setAccessible(true);
        assertThat(incomplete.getInt(null)).isEqualTo(3);

        var timer = unit(DEPLOY.resolve("systemd/photovault-once.timer"));
        assertThat(timer.get("Timer")).containsKeys("OnCalendar", "Persistent");
        assertThat(timer.get("Install").get("WantedBy")).containsExactly("timers.target");
    }

    @Test
    void theImageRunsAsAnUnprivilegedUserWithTheDataAsAVolume() throws Exception {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("Dockerfile")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        int last = 0;
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).as("a Dockerfile instruction")
                    .matches("(FROM|RUN|COPY|USER|WORKDIR|VOLUME|ENTRYPOINT|CMD|ENV|ARG|LABEL|&&) .*");
            if (lines.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        List<String> image = lines.subList(last, lines.size());
        String user = image.stream().filter(l -> l.startsWith("USER ")).findFirst().orElseThrow().substring(5);
        assertThat(user).doesNotStartWith("0").doesNotStartWith("root");
        assertThat(image).anyMatch(l -> l.startsWith("VOLUME ") && l.contains("/var/lib/photovault"));
        for (String copy : image.stream().filter(l -> l.startsWith("COPY ") && !l.contains("--from")).toList()) {
            assertThat(Path.of(copy.split(" ")[1])).as("what the image copies from the project").exists();
        }
        List<String> command = new ArrayList<>(json(image, "ENTRYPOINT "));
        command.addAll(json(image, "CMD "));
        command.removeIf(a -> a.startsWith("-XX:"));
        assertThat(photovaultArguments(command)).startsWith("run");
    }

    private static List<String> json(List<String> lines, String instruction) throws IOException {
        String line = lines.stream().filter(l -> l.startsWith(instruction)).findFirst().orElseThrow();
        return Arrays.asList(new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                line.substring(instruction.length()), String[].class));
    }

    @Test
    void theKubernetesFilesAreTwoReplicasElectingALeaderOnLeasesWithTheirSecretsInASecret() throws Exception {
        String text = Files.readString(DEPLOY.resolve("kubernetes/photovault.yaml"));
        Map<Class<?>, HasMetadata> objects = new LinkedHashMap<>();
        for (String doc : text.split("(?m)^---$")) {
            HasMetadata object = Serialization.unmarshal(doc);
            objects.put(object.getClass(), object);
        }
        assertThat(objects).containsKeys(ServiceAccount.class, Role.class, RoleBinding.class, Secret.class,
                ConfigMap.class, Deployment.class);
        Deployment deployment = (Deployment) objects.get(Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(pod.getServiceAccountName()).isEqualTo(objects.get(ServiceAccount.class).getMetadata().getName());
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();

        Role role = (Role) objects.get(Role.class);
        assertThat(role.getRules()).anySatisfy(r -> assertRule(r, "coordination.k8s.io", "leases", "get", "create",
                "update"));
        assertThat(role.getRules()).anySatisfy(r -> assertRule(r, "", "pods", "list"));
        RoleBinding binding = (RoleBinding) objects.get(RoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).anyMatch(s -> s.getName().equals(pod.getServiceAccountName()));

        var container = pod.getContainers().get(0);
        assertThat(container.getEnvFrom()).anyMatch(e -> e.getSecretRef().getName()
                .equals(objects.get(Secret.class).getMetadata().getName()));
        assertThat(((Secret) objects.get(Secret.class)).getStringData()).containsKeys("PHOTOVAULT_PASSWORD",
                "GOOGLE_PHOTOS_REFRESH_TOKEN");
        List<String> command = new ArrayList<>(List.of("java", "-jar", "/opt/photovault/photovault.jar"));
        command.addAll(container.getArgs());
        photovaultArguments(command);

        Properties settings = new Properties();
        settings.load(new StringReader(((ConfigMap) objects.get(ConfigMap.class)).getData().get("application.properties")));
        knownSettings(settings);
        assertThat(settings.getProperty("cluster.service")).isEqualTo("kubernetes");
        assertThat(settings.getProperty("vault.store")).startsWith("aws2-s3://");
        String[] label = settings.getProperty("cluster.kubernetes.labels").split("=");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(label[0], label[1]);
        assertThat(container.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/etc/photovault"));
    }

    private static void assertRule(PolicyRule rule, String group, String resource, String... verbs) {
        assertThat(rule.getApiGroups()).contains(group);
        assertThat(rule.getResources()).contains(resource);
        assertThat(rule.getVerbs()).contains(verbs);
    }

    @Test
    void docsDeployShowsEveryFileExactlyAsItIs() throws Exception {
        String doc = Files.readString(Path.of("docs/deploy.md"));
        try (var files = Files.walk(DEPLOY)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(doc).as("docs/deploy.md shows %s as it is", f).contains(Files.readString(f));
                assertThat(doc).contains(f.toString());
            }
        }
    }
}

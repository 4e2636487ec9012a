package dev.photovault.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Adobe's S3Mock, a real S3 server that implements Object Lock (retention, legal hold), started from its own
 * executable jar (copied to target/s3mock by the build) in a JVM of its own, on a free port, with its store in a
 * temporary folder. S3Proxy stays the server for everything else.
 */
public final class S3MockServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path root;

    public S3MockServer() throws Exception {
        Path jar = Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock is not at " + jar + ": run the tests through Maven (it copies it)");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        root = Files.createTempDirectory("s3mock");
        Path log = root.resolve("s3mock.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--com.adobe.testing.s3mock.httpPort=" + port, "--server.port=0",
                "--com.adobe.testing.s3mock.store.root=" + root.resolve("store"),
                "--com.adobe.testing.s3mock.store.retainFilesOnExit=false", "--logging.level.root=WARN",
                "--logging.level.com.adobe.testing.s3mock.S3MockApplication=INFO"));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains("Started S3MockApplication")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("S3Mock did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A client of the server, to create buckets and look at what photovault wrote. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("mock", "mock-secret")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /** Creates a bucket with Object Lock enabled (and so versioning). */
    public void createLockedBucket(String bucket) {
        try (S3Client c = client()) {
            c.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        }
    }

    /** The store URI of {@code bucket} for photovault, with these extra options (e.g. {@code objectLock=…}). */
    public String camelUri(String bucket, String options) {
        return "aws2-s3://" + bucket + "?uriEndpointOverride=" + endpoint() + "&overrideEndpoint=true"
                + "&forcePathStyle=true&region=us-east-1&accessKey=mock&secretKey=RAW(mock-secret)"
                + (options == null || options.isEmpty() ? "" : "&" + options);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        TestRepository.deleteTree(root);
    }
}

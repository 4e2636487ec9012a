package dev.photovault.vault.core.repository;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.ForwardingStore;
import dev.photovault.testing.LogCapture;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.Progress;
import dev.photovault.vault.core.VaultException;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.archiver.Archiver;
import dev.photovault.vault.core.archiver.BackupOptions;
import dev.photovault.vault.core.checker.CheckResult;
import dev.photovault.vault.core.checker.Checker;
import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.crypto.IntegrityException;
import dev.photovault.vault.core.crypto.WrongPassphraseException;
import dev.photovault.vault.core.pruner.Pruner;
import dev.photovault.vault.core.snapshot.SnapshotRef;
import dev.photovault.vault.core.store.LocalObjectStore;
import dev.photovault.vault.core.store.ObjectInfo;
import dev.photovault.vault.core.store.ObjectStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every object read from a repository is untrusted: replaced, flipped, crafted or stray objects are caught. */
class RepositoryTrustTest {

    @TempDir
    Path tmp;

    Path repoDir;
    Path source;
    Repository repository;

    @BeforeEach
    void setUp() throws IOException {
        repoDir = tmp.resolve("repo");
        source = tmp.resolve("photos");
        repository = TestRepository.create(repoDir);
    }

    private String backup() throws IOException {
        return new Archiver(repository, BackupOptions.defaults(), new Progress()).backup(List.of(source)).snapshotId();
    }

    private static void overwrite(Path file, byte[] bytes) throws IOException {
        file.toFile().setWritable(true);
        Files.write(file, bytes);
    }

    private static void flipByte(Path file, int at) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[at] ^= 0x01;
        overwrite(file, bytes);
    }

    private Repository reopen() throws IOException {
        return TestRepository.reopen(repoDir);
    }

    @Test
    void aSnapshotReplacedByAnOlderOnesBytesIsRejectedAndLeftOut() throws IOException {
        write(source.resolve("a.jpg"), randomBytes(10_000, 1));
        String older = backup();
        write(source.resolve("b.jpg"), randomBytes(10_000, 2));
        String newer = backup();
        overwrite(repoDir.resolve("snapshots/" + newer), Files.readAllBytes(repoDir.resolve("snapshots/" + older)));

        Repository fresh = reopen();
        assertThat(fresh.listSnapshots()).extracting(SnapshotRef::id).containsExactly(older);
        assertThat(fresh.damagedSnapshots()).singleElement()
                .satisfies(d -> assertThat(d.describe()).contains(newer.substring(0, 8)).contains("does not match its name"));
        assertThatThrownBy(() -> fresh.loadSnapshot(newer)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("does not match its name");
        assertThatThrownBy(() -> fresh.resolveSnapshot(newer.substring(0, 8))).isInstanceOf(VaultException.class)
                .hasMessageContaining("repair snapshots");
        CheckResult check = new Checker(fresh, 2, new Progress()).check(true, 1.0);
        assertThat(check.ok()).isFalse();
        assertThat(check.errors()).anyMatch(e -> e.contains(newer) && e.contains("does not match its name"));
    }

    @Test
    void aReplacedIndexDeltaIsAnIntegrityErrorNamingIt() throws IOException {
        write(source.resolve("a.jpg"), randomBytes(10_000, 1));
        backup();
        write(source.resolve("b.jpg"), randomBytes(10_000, 2));
        backup();
        List<String> deltas = repository.indexKeys();
        assertThat(deltas).hasSize(2);
        overwrite(repoDir.resolve(deltas.get(1)), Files.readAllBytes(repoDir.resolve(deltas.get(0))));
        assertThatThrownBy(() -> reopen().readIndex(deltas.get(1), (id, size) -> { }))
                .isInstanceOf(IntegrityException.class).hasMessageContaining(deltas.get(1))
                .hasMessageContaining("does not match its name");
        // A backup goes on without it: the chunks it named are looked up in the store instead.
        assertThat(reopen().loadIndex().size()).isPositive();
    }

    @Test
    void oneDamagedSnapshotStopsNothingButPrune() throws IOException {
        write(source.resolve("a.jpg"), randomBytes(10_000, 1));
        String old = backup();
        write(source.resolve("b.jpg"), randomBytes(10_000, 2));
        String latest = backup();
        flipByte(repoDir.resolve("snapshots/" + old), 40);
        write(repoDir.resolve("snapshots/notes.txt"), "a stray file".getBytes(StandardCharsets.UTF_8));

        try (LogCapture log = new LogCapture()) {
            Repository fresh = reopen();
            assertThat(fresh.resolveSnapshot("latest").id()).isEqualTo(latest);
            fresh.listSnapshots();
            fresh.listSnapshots();
            assertThat(log.lines()).filteredOn(l -> l.contains(old.substring(0, 8))).hasSize(1)
                    .allMatch(l -> l.contains("repair snapshots"));
            assertThat(log.lines()).filteredOn(l -> l.contains("notes.txt")).hasSize(1);
            // backup and forget go on with the healthy snapshots
            write(source.resolve("c.jpg"), randomBytes(10_000, 3));
            assertThat(new Archiver(fresh, BackupOptions.defaults(), new Progress()).backup(List.of(source))
                    .snapshotId()).isNotNull();
            assertThatThrownBy(() -> new Pruner(fresh).prune(Duration.ZERO, false))
                    .isInstanceOf(VaultException.class).hasMessageContaining(old.substring(0, 8))
                    .hasMessageContaining("repair snapshots");
        }
    }

    @Test
    void aDamagedOnlyKeyFileIsNamedNotCalledAWrongPassphrase() throws IOException {
        Path key = onlyKeyFile();
        flipByte(key, 30);
        assertThatThrownBy(this::reopen).isInstanceOf(VaultException.class)
                .isNotInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining(key.getFileName().toString().substring(0, 8)).hasMessageContaining("damaged");
    }

    @Test
    void aKeyWhoseWrappedKeyIsDamagedUnderAMatchingNameSaysSoWithTheRightPassphrase() throws IOException {
        Path key = onlyKeyFile();
        ObjectNode json = (ObjectNode) VaultJson.MAPPER.readTree(Files.readAllBytes(key));
        byte[] data = java.util.Base64.getDecoder().decode(json.get("data").asText());
        data[30] ^= 1;
        json.put("data", java.util.Base64.getEncoder().encodeToString(data));
        replaceKey(key, VaultJson.MAPPER.writeValueAsBytes(json));
        assertThatThrownBy(this::reopen).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("the passphrase is right");
        assertThatThrownBy(() -> Repository.open(new LocalObjectStore(repoDir), "wrong".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void craftedKdfParametersAreRefusedBeforeAnyWork() throws IOException {
        for (String[] field : new String[][] {{"memoryKiB", "2147483647"}, {"iterations", "2000000000"},
                {"parallelism", "0"}}) {
            repoDir = tmp.resolve("repo-" + field[0]);
            TestRepository.create(repoDir);
            Path key = onlyKeyFile();
            ObjectNode json = (ObjectNode) VaultJson.MAPPER.readTree(Files.readAllBytes(key));
            ((ObjectNode) json.get("kdf")).put(field[0], Long.parseLong(field[1]));
            replaceKey(key, VaultJson.MAPPER.writeValueAsBytes(json));
            long started = System.nanoTime();
            assertThatThrownBy(this::reopen).isInstanceOf(VaultException.class)
                    .hasMessageContaining("not a usable key file").hasMessageContaining("out of range");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void malformedKeyAndConfigFilesAreNamedInOneLine() throws IOException {
        Path key = onlyKeyFile();
        replaceKey(key, "{\"version\": 1, \"kdf\": [".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(this::reopen).hasMessageContaining("not a valid key file").hasMessageNotContaining("\n");

        setUpFresh();
        overwrite(repoDir.resolve("config"), "{\"version\":1,\"id\":".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(this::reopen).isInstanceOf(VaultException.class)
                .hasMessageContaining("the config at").hasMessageContaining("is not valid").hasMessageNotContaining("\n");
    }

    @Test
    void theConfigIsAuthenticatedAndValidatedFieldByField() throws IOException {
        ObjectNode config = (ObjectNode) VaultJson.MAPPER.readTree(Files.readAllBytes(repoDir.resolve("config")));
        String id = config.get("id").asText();
        config.put("id", (id.charAt(0) == 'a' ? "b" : "a") + id.substring(1));
        overwrite(repoDir.resolve("config"), VaultJson.MAPPER.writeValueAsBytes(config));
        assertThatThrownBy(this::reopen).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("config").hasMessageContaining("fails authentication");

        ((ObjectNode) config.get("chunker")).put("min", 9_000_000);
        overwrite(repoDir.resolve("config"), VaultJson.MAPPER.writeValueAsBytes(config));
        assertThatThrownBy(this::reopen).isInstanceOf(VaultException.class)
                .hasMessageContaining("the config at").hasMessageContaining("min <= avg <= max");
    }

    @Test
    void anInitKilledAfterItsKeyIsUndoneByTheNextInit() throws IOException {
        Path dir = tmp.resolve("interrupted");
        LocalObjectStore real = new LocalObjectStore(dir);
        // The process dies between the key and the config: the write of the config never happens.
        ObjectStore crashing = new ForwardingStore(real) {
            @Override
            public boolean putIfAbsent(String key, byte[] data) throws IOException {
                if (key.equals("config")) {
                    throw new IOException("killed");
                }
                return super.putIfAbsent(key, data);
            }
        };
        assertThatThrownBy(() -> Repository.init(crashing, TestRepository.PASSPHRASE.toCharArray(),
                TestRepository.CHEAP_KDF, ChunkerParams.PRODUCTION)).hasMessage("killed");
        assertThat(new LocalObjectStore(dir).list("keys/")).hasSize(1);
        assertThatThrownBy(() -> Repository.readConfig(new LocalObjectStore(dir)))
                .hasMessageContaining("interrupted 'photovault init'").hasMessageContaining("run init again");

        Repository created = TestRepository.create(dir);
        List<ObjectInfo> keys = new LocalObjectStore(dir).list("keys/");
        assertThat(keys).singleElement().satisfies(k -> assertThat(k.key()).endsWith(created.keyId()));
        assertThat(TestRepository.reopen(dir).config().id()).isEqualTo(created.config().id());
    }

    @Test
    void initRefusesAStoreThatHasDataButNoConfig() throws IOException {
        write(source.resolve("a.jpg"), randomBytes(10_000, 1));
        backup();
        Files.delete(repoDir.resolve("config"));
        assertThatThrownBy(() -> TestRepository.create(repoDir)).hasMessageContaining("damaged, not new");
        assertThat(new LocalObjectStore(repoDir).list("keys/")).hasSize(1);
    }

    private void setUpFresh() throws IOException {
        Files.walk(tmp).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        setUp();
    }

    private Path onlyKeyFile() throws IOException {
        try (var keys = Files.list(repoDir.resolve("keys"))) {
            return keys.findFirst().orElseThrow();
        }
    }

    /** Replaces a key file by other bytes under their own (valid) name, as a restore of a bad copy would. */
    private static void replaceKey(Path key, byte[] bytes) throws IOException {
        key.toFile().setWritable(true);
        Files.delete(key);
        try {
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Files.write(key.resolveSibling(name), bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

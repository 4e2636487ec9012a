package dev.photovault.cli;

import static dev.photovault.testing.TestRepository.randomBytes;
import static dev.photovault.testing.TestRepository.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photovault.testing.Cli;
import dev.photovault.testing.TestData;
import dev.photovault.testing.TestRepository;
import dev.photovault.vault.core.VaultJson;
import dev.photovault.vault.core.repository.Repository;
import dev.photovault.vault.core.repository.RepositoryLock;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path tmp;

    Path repo;
    Path source;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        repo = tmp.resolve("repo");
        source = tmp.resolve("photos");
        cli = Cli.forRepository(repo);
        write(source.resolve("Summer/beach.jpg"), TestData.sekienAkashita());
        write(source.resolve("Summer/sea.jpg"), randomBytes(700_000, 1));
        write(source.resolve("Winter/snow.jpg"), randomBytes(900_000, 2));
    }

    private void init() throws Exception {
        Cli.Result init = cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1");
        assertThat(init.exitCode()).as(init.all()).isZero();
    }

    private String backup(String... more) throws Exception {
        String[] args = new String[more.length + 2];
        args[0] = "backup";
        args[1] = source.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        Cli.Result result = cli.run(args);
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result.out();
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        Cli.Result help = new Cli(null, Map.of()).run("--help");
        assertThat(help.exitCode()).isZero();
        for (String command : List.of("init", "backup", "snapshots", "ls", "restore", "diff", "check", "forget",
                "prune", "key", "repair", "chunk", "export", "dump", "push", "copy", "hold", "report")) {
            assertThat(help.out()).contains("  " + command + " ");
        }
    }

    @Test
    void backupListRestoreRoundTrip() throws Exception {
        init();
        String summary = backup("--tag", "first");
        assertThat(summary).startsWith("snapshot ").contains("saved: 3 files").hasLineCount(1);

        Cli.Result snapshots = cli.run("snapshots", "--json");
        JsonNode list = VaultJson.MAPPER.readTree(snapshots.out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("tags").get(0).asText()).isEqualTo("first");

        Cli.Result ls = cli.run("ls", "latest", "--json");
        List<JsonNode> entries = ls.out().lines().map(CommandLineTest::json).toList();
        JsonNode beach = entries.stream().filter(e -> e.get("path").asText().equals("Summer/beach.jpg")).findFirst()
                .orElseThrow();
        assertThat(beach.get("size").asLong()).isEqualTo(109_466);
        assertThat(beach.get("sha256").asText()).isEqualTo("d9e749d9367fc908876749d6502eb212fee88c9a94892fb07da5ef3ba8bc39ed");
        assertThat(beach.get("albums").get(0).asText()).isEqualTo("Summer");
        assertThat(beach.has("mtime")).isTrue();

        Path target = tmp.resolve("restored");
        String prefix = list.get(0).get("id").asText().substring(0, 6);
        Cli.Result restore = cli.run("restore", prefix, "--target", target.toString());
        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(Files.readAllBytes(target.resolve("Summer/beach.jpg"))).isEqualTo(TestData.sekienAkashita());
        assertThat(Files.readAllBytes(target.resolve("Winter/snow.jpg"))).isEqualTo(randomBytes(900_000, 2));

        assertThat(cli.run("check", "--read-data").exitCode()).isZero();
    }

    @Test
    void diffNamesAddedRemovedAndChangedEntries() throws Exception {
        init();
        backup();
        Files.delete(source.resolve("Winter/snow.jpg"));
        write(source.resolve("Summer/new.jpg"), randomBytes(1000, 3));
        write(source.resolve("Summer/sea.jpg"), randomBytes(700_000, 4));
        backup();
        Cli.Result snapshots = cli.run("snapshots", "--json");
        JsonNode list = VaultJson.MAPPER.readTree(snapshots.out());
        Cli.Result diff = cli.run("diff", list.get(0).get("id").asText(), "latest");
        assertThat(diff.out()).contains("+ Summer/new.jpg", "- Winter/snow.jpg", "M Summer/sea.jpg",
                "1 added, 1 removed, 1 changed");
    }

    @Test
    void aWrongPassphraseIsOneClearLine() throws Exception {
        init();
        Cli.Result result = cli.withEnv(Map.of("PHOTOVAULT_PASSWORD", "not the passphrase")).run("snapshots");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err().strip()).isEqualTo("photovault: wrong passphrase for repository " + repo);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void thePassphraseCanComeFromAFile() throws Exception {
        init();
        Path file = write(tmp.resolve("pass.txt"), (TestRepository.PASSPHRASE + "\n").getBytes());
        Cli.Result result = new Cli(repo, Map.of()).run("snapshots", "--password-file", file.toString());
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    @Test
    void withoutAPassphraseOrTerminalItSaysWhereToPutOne() throws Exception {
        init();
        Cli.Result result = new Cli(repo, Map.of()).run("snapshots");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).startsWith("photovault: no passphrase: set PHOTOVAULT_PASSWORD");
    }

    @Test
    void aMissingRepositoryIsNamed() throws Exception {
        Cli.Result result = cli.run("snapshots");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("photovault: no repository at " + repo
                + ": check --repo, or create one with 'photovault init'");
    }

    @Test
    void initRefusesAnExistingRepository() throws Exception {
        init();
        Cli.Result again = cli.run("init", "--kdf-memory", "1", "--kdf-iterations", "1");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("a repository already exists at " + repo);
    }

    @Test
    void keysCanBeAddedChangedAndRemoved() throws Exception {
        init();
        Cli.Result add = cli.withEnv(Map.of("PHOTOVAULT_NEW_PASSWORD", "second passphrase"))
                .run("key", "add", "--kdf-memory", "1", "--kdf-iterations", "1");
        assertThat(add.exitCode()).as(add.all()).isZero();
        String addedId = add.out().strip().substring("added key ".length());
        Cli second = cli.withEnv(Map.of("PHOTOVAULT_PASSWORD", "second passphrase"));
        assertThat(second.run("key", "list").out()).contains("* " + addedId);

        Cli.Result passwd = second.withEnv(Map.of("PHOTOVAULT_NEW_PASSWORD", "third passphrase"))
                .run("key", "passwd", "--kdf-memory", "1", "--kdf-iterations", "1");
        assertThat(passwd.exitCode()).as(passwd.all()).isZero();
        assertThat(second.run("snapshots").err()).contains("wrong passphrase");
        Cli third = cli.withEnv(Map.of("PHOTOVAULT_PASSWORD", "third passphrase"));
        assertThat(third.run("snapshots").exitCode()).isZero();

        String originalId = cli.run("key", "list").out().lines().filter(l -> l.startsWith("*")).findFirst()
                .orElseThrow().substring(2, 10);
        Cli.Result selfRemove = cli.run("key", "remove", originalId);
        assertThat(selfRemove.err()).contains("is the one in use");
        assertThat(third.run("key", "remove", originalId).exitCode()).isZero();
        assertThat(cli.run("snapshots").err()).contains("wrong passphrase");
    }

    @Test
    void chunkPrintsTheReferenceCutPoints() throws Exception {
        Cli.Result result = new Cli(null, Map.of()).run("chunk", TestData.sekienAkashitaPath().toString(),
                "--min", "4096", "--avg", "16384", "--max", "65535");
        assertThat(result.out().lines().toList()).containsExactly(
                "0 21325 17968276318003433923", "21325 17140 8197189939299398838",
                "38465 28084 13019990849178155730", "66549 18217 4509236223063678303",
                "84766 24700 2504464741100432583");
    }

    @Test
    void checkAndRestoreNameTheFileOfADamagedChunk() throws Exception {
        init();
        backup();
        Repository repository = TestRepository.reopen(repo);
        String id = repository.resolveSnapshot("latest").id();
        String chunk = repository.loadSnapshot(id).entries().stream().filter(e -> e.path().equals("Winter/snow.jpg"))
                .findFirst().orElseThrow().chunks().get(0);
        Path chunkFile = repo.resolve(Repository.chunkKey(chunk));
        chunkFile.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(chunkFile.toFile(), "rw")) {
            file.seek(100);
            file.write(0);
            file.write(1);
        }
        Cli.Result check = cli.run("check", "--read-data");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("error: chunk " + chunk)
                .contains("damaged: snapshot " + id.substring(0, 8) + " file Winter/snow.jpg");

        Path target = tmp.resolve("restored");
        Cli.Result restore = cli.run("restore", "latest", "--target", target.toString());
        assertThat(restore.exitCode()).isEqualTo(3);
        assertThat(restore.err()).contains("1 files could not be restored").contains("Winter/snow.jpg: ");
        assertThat(target.resolve("Summer/beach.jpg")).exists();
        assertThat(target.resolve("Winter/snow.jpg")).doesNotExist();
    }

    @Test
    void forgetWithPruneKeepsThePolicyAndFreesSpace() throws Exception {
        init();
        backup();
        write(source.resolve("Summer/sea.jpg"), randomBytes(700_000, 5));
        backup();
        // Cut points are keyed per repository, so the replaced file may have been one chunk or two.
        Repository repository = TestRepository.reopen(repo);
        Set<String> kept = chunksOf(repository, "latest");
        Set<String> freed = chunksOf(repository, repository.listSnapshots().get(0).id());
        freed.removeAll(kept);
        assertThat(freed).isNotEmpty();
        Cli.Result forget = cli.run("forget", "--keep-last", "1", "--prune", "--grace", "PT0S");
        assertThat(forget.exitCode()).as(forget.all()).isZero();
        assertThat(forget.out()).contains("removed 1 snapshots, kept 1")
                .contains("deleted " + freed.size() + " unreferenced chunks");
        assertThat(cli.run("check", "--read-data").exitCode()).isZero();
        Cli.Result none = cli.run("forget");
        assertThat(none.err()).contains("refusing to forget every snapshot");
    }

    private static Set<String> chunksOf(Repository repository, String snapshot) throws Exception {
        Set<String> chunks = new HashSet<>();
        repository.loadSnapshot(repository.resolveSnapshot(snapshot).id()).entries()
                .forEach(e -> chunks.addAll(e.chunks()));
        return chunks;
    }

    @Test
    void pruneRefusesWhileABackupHoldsTheRepository() throws Exception {
        init();
        backup();
        try (RepositoryLock backupLock = RepositoryLock.acquire(TestRepository.reopen(repo), false, "backup",
                Duration.ZERO)) {
            Cli.Result prune = cli.run("prune");
            assertThat(prune.exitCode()).isEqualTo(1);
            assertThat(prune.err()).startsWith("photovault: repository is locked: shared lock for backup by ")
                    .contains("pid " + ProcessHandle.current().pid()).hasLineCount(1);
        }
        assertThat(cli.run("prune").exitCode()).isZero();
    }

    @Test
    void aPathThatDoesNotExistIsNamed() throws Exception {
        init();
        Cli.Result result = cli.run("backup", tmp.resolve("nowhere").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("photovault: nothing to back up at " + tmp.resolve("nowhere")
                + ": no such file or folder");
    }

    @Test
    void longRunsLogProgressWhenNotOnATerminal() throws Exception {
        init();
        write(source.resolve("Videos/long.mp4"), randomBytes(400 * 1024 * 1024, 9));
        Cli.Result result = cli.withEnv(Map.of("PHOTOVAULT_PROGRESS_SECONDS", "1"))
                .run("backup", source.toString(), "--workers", "1");
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.err()).containsPattern("backup \\d+/4 files, [0-9.]+ [KMG]iB/401.6 MiB \\([1-9]\\d*%\\), .+/s, ETA ");
    }

    @AfterAll
    static void noSecretEverReachedAnOutput() {
        List<String> outputs = Cli.allOutputs();
        assertThat(outputs).isNotEmpty();
        for (String output : outputs) {
            assertThat(output).doesNotContain(TestRepository.PASSPHRASE, "second passphrase", "third passphrase");
            assertThat(output).doesNotContain("\tat dev.photovault").doesNotContain("Exception");
        }
    }

    private static JsonNode json(String line) {
        try {
            return VaultJson.MAPPER.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(line, e);
        }
    }
}

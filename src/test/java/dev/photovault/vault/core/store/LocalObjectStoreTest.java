package dev.photovault.vault.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest {

    @TempDir
    Path dir;

    @Test
    void anExistingObjectIsNeverOverwritten() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        assertThat(store.putIfAbsent("snapshots/abc", new byte[] {1})).isTrue();
        assertThat(store.putIfAbsent("snapshots/abc", new byte[] {2})).isFalse();
        assertThat(store.get("snapshots/abc")).containsExactly(1);
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        store.putIfAbsent("chunks/ab/abcd", new byte[100]);
        store.putIfAbsent("chunks/ab/abcd", new byte[100]);
        try (var tmp = Files.list(dir.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void listsByPrefixInKeyOrderWithSizes() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        store.putIfAbsent("chunks/cd/cdef", new byte[3]);
        store.putIfAbsent("chunks/ab/abcd", new byte[5]);
        store.putIfAbsent("index/0001", new byte[1]);
        List<ObjectInfo> chunks = store.list("chunks/");
        assertThat(chunks).extracting(ObjectInfo::key).containsExactly("chunks/ab/abcd", "chunks/cd/cdef");
        assertThat(chunks).extracting(ObjectInfo::size).containsExactly(5L, 3L);
        assertThat(store.list("snapshots/")).isEmpty();
    }

    @Test
    void aMissingObjectIsATypedError() {
        LocalObjectStore store = new LocalObjectStore(dir);
        assertThatThrownBy(() -> store.get("snapshots/none")).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void keysCannotEscapeTheRepository() {
        LocalObjectStore store = new LocalObjectStore(dir);
        assertThatThrownBy(() -> store.putIfAbsent("../outside", new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteRemovesAndToleratesAbsence() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir);
        store.putIfAbsent("locks/x", new byte[1]);
        store.delete("locks/x");
        store.delete("locks/x");
        assertThat(store.exists("locks/x")).isFalse();
    }
}

package dev.photovault.vault.core.chunker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.photovault.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FastCdcTest {

    private static final ChunkerParams VECTOR_PARAMS = new ChunkerParams(4096, 16384, 65535, 1);

    @Test
    void cutsThePublishedVectorIntoTheReferenceChunks() throws IOException {
        byte[] data = TestData.sekienAkashita();
        List<Long> lengths = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        new StreamChunker(new FastCdc(VECTOR_PARAMS, 0)).chunk(new ByteArrayInputStream(data),
                (buf, off, len, hash) -> {
                    lengths.add((long) len);
                    hashes.add(Long.toUnsignedString(hash));
                });
        assertThat(lengths).containsExactly(21325L, 17140L, 28084L, 18217L, 24700L);
        assertThat(hashes).containsExactly("17968276318003433923", "8197189939299398838",
                "13019990849178155730", "4509236223063678303", "2504464741100432583");
    }

    @Test
    void gearTableIsDerivedFromMd5AsSpecified() {
        assertThat(FastCdc.publicGear(0)).isEqualTo(0x3b5d3c7d207e37dcL);
    }

    @Test
    void aSeedMovesTheCutPoints() throws IOException {
        byte[] data = TestData.sekienAkashita();
        assertThat(lengths(data, VECTOR_PARAMS, 0x5eedL)).isNotEqualTo(lengths(data, VECTOR_PARAMS, 0));
    }

    @Test
    void rejectsSizesThatDoNotNest() {
        assertThatThrownBy(() -> new ChunkerParams(8192, 4096, 65536, 1))
                .isInstanceOf(dev.photovault.vault.core.VaultException.class) // a user error: one line, not an internal error
                .hasMessageContaining("min <= avg <= max");
    }

    @Test
    void emptyStreamHasNoChunks() throws IOException {
        assertThat(lengths(new byte[0], VECTOR_PARAMS, 0)).isEmpty();
    }

    static Stream<Arguments> streamShapes() {
        Random random = new Random(20261122);
        return IntStream.range(0, 30).mapToObj(i -> Arguments.of(
                i == 0 ? 0 : random.nextInt(300_000), 1 + random.nextInt(70_000), random.nextLong()));
    }

    @ParameterizedTest(name = "size {0}, reads of {1}, seed {2}")
    @MethodSource("streamShapes")
    void chunksCoverTheStreamWithinLimitsWhateverTheReadSizes(int size, int readSize, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        List<Long> whole = lengths(data, VECTOR_PARAMS, seed);
        List<Long> trickled = new ArrayList<>();
        new StreamChunker(new FastCdc(VECTOR_PARAMS, seed)).chunk(new TricklingStream(data, readSize),
                (buf, off, len, hash) -> trickled.add((long) len));
        assertThat(trickled).isEqualTo(whole);
        assertThat(whole.stream().mapToLong(Long::longValue).sum()).isEqualTo(size);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(whole.get(i)).isLessThanOrEqualTo(VECTOR_PARAMS.max());
            if (i < whole.size() - 1) {
                assertThat(whole.get(i)).isGreaterThanOrEqualTo(VECTOR_PARAMS.min());
            }
        }
    }

    @Test
    void anEditInTheMiddleChangesOnlyNearbyChunks() throws IOException {
        byte[] data = new byte[2_000_000];
        new Random(7).nextBytes(data);
        byte[] edited = data.clone();
        for (int i = 1_000_000; i < 1_000_100; i++) {
            edited[i] ^= 0x5a;
        }
        List<Long> before = lengths(data, VECTOR_PARAMS, 0);
        List<Long> after = lengths(edited, VECTOR_PARAMS, 0);
        List<Long> commonPrefix = new ArrayList<>();
        for (int i = 0; i < Math.min(before.size(), after.size()) && before.get(i).equals(after.get(i)); i++) {
            commonPrefix.add(before.get(i));
        }
        assertThat(commonPrefix.size()).isGreaterThan(before.size() / 3);
        assertThat(before.subList(before.size() - 10, before.size()))
                .isEqualTo(after.subList(after.size() - 10, after.size()));
    }

    private static List<Long> lengths(byte[] data, ChunkerParams params, long seed) throws IOException {
        List<Long> out = new ArrayList<>();
        new StreamChunker(new FastCdc(params, seed)).chunk(new ByteArrayInputStream(data),
                (buf, off, len, hash) -> out.add((long) len));
        return out;
    }

    /** Hands out at most {@code step} bytes per read, as sockets and pipes do. */
    private static final class TricklingStream extends InputStream {
        private final byte[] data;
        private final int step;
        private int pos;

        TricklingStream(byte[] data, int step) {
            this.data = data;
            this.step = step;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}

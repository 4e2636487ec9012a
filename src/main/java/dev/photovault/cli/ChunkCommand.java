package dev.photovault.cli;

import dev.photovault.vault.core.chunker.ChunkerParams;
import dev.photovault.vault.core.chunker.FastCdc;
import dev.photovault.vault.core.chunker.StreamChunker;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chunk", description = "Print FastCDC cut points of a file: 'offset length hash' per chunk.")
final class ChunkCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--min", paramLabel = "N", description = "Smallest chunk (default 524288).")
    int min = ChunkerParams.PRODUCTION.min();

    @Option(names = "--avg", paramLabel = "N", description = "Average chunk (default 1048576).")
    int avg = ChunkerParams.PRODUCTION.avg();

    @Option(names = "--max", paramLabel = "N", description = "Largest chunk (default 8388608).")
    int max = ChunkerParams.PRODUCTION.max();

    @Option(names = "--nc", paramLabel = "N", description = "Normalization level (default 1).")
    int nc = 1;

    @Option(names = "--seed", paramLabel = "N", description = "Gear table seed (default 0, the public table).")
    long seed;

    @Override
    public Integer call() throws Exception {
        FastCdc cdc;
        try {
            cdc = new FastCdc(new ChunkerParams(min, avg, max, nc), seed);
        } catch (IllegalArgumentException e) {
            throw new dev.photovault.vault.core.VaultException(e.getMessage());
        }
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        long[] offset = {0};
        try (InputStream in = Files.newInputStream(file)) {
            new StreamChunker(cdc).chunk(in, (buf, off, len, hash) -> {
                out.write(offset[0] + " " + len + " " + Long.toUnsignedString(hash));
                out.newLine();
                offset[0] += len;
            });
        }
        out.flush();
        return 0;
    }
}

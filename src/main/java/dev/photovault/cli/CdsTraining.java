package dev.photovault.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The training run behind the class-data-sharing archive that {@code mvn package} builds beside the jar
 * ({@code target/photovault.jsa}, used by the {@code photovault} launcher): it runs the everyday commands once on a
 * throw-away repository in the current folder, and {@code run --once} on the embedded demo, so that the JVM that
 * runs it (started with {@code -XX:ArchiveClassesAtExit}) archives the classes they load. Not a user command: it
 * writes into the current folder and exits non-zero if any step fails, which fails the build.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of("").toAbsolutePath();
        Path library = work.resolve("library");
        Path repo = work.resolve("repo");
        Path password = work.resolve("passphrase");
        Files.writeString(password, "cds-training\n");
        Files.createDirectories(library.resolve("album"));
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff8800);
        ImageIO.write(image, "jpg", library.resolve("album/photo.jpg").toFile());
        byte[] bytes = new byte[3 << 20];
        new Random(1).nextBytes(bytes);
        Files.write(library.resolve("album/video.mp4"), bytes);
        String pw = password.toString();
        String r = repo.toString();
        step("init", "--repo", r, "--password-file", pw, "--kdf-memory", "8", "--kdf-iterations", "1");
        step("backup", "--repo", r, "--password-file", pw, library.toString());
        step("backup", "--repo", r, "--password-file", pw, library.toString());
        step("snapshots", "--repo", r, "--password-file", pw);
        step("ls", "--repo", r, "--password-file", pw, "latest");
        step("diff", "--repo", r, "--password-file", pw, "latest", "latest");
        step("restore", "--repo", r, "--password-file", pw, "latest", "--target", work.resolve("restored").toString());
        step("check", "--repo", r, "--password-file", pw, "--read-data");
        step("run", "--once");
        System.exit(0);
    }

    private static void step(String... args) {
        int code = PhotovaultCommand.commandLine().execute(args);
        if (code != 0) {
            System.err.println("CDS training: photovault " + String.join(" ", args) + " exited with " + code);
            System.exit(1);
        }
    }
}

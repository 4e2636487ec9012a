package dev.photovault.googlephotos.api;

import dev.photovault.testing.SyntheticVideo;
import java.io.InputStream;
import java.util.List;

/**
 * Run in a child JVM with a small heap: uploads a synthetic video of the given size by the resumable protocol,
 * downloads it again, and prints whether both hashes match the generator's. Credentials come from the
 * environment, never from the command line.
 */
public final class LargeTransferProbe {

    private LargeTransferProbe() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        GooglePhotosClient client = new GooglePhotosClient(new PhotosEndpoints(System.getenv("PV_API"),
                System.getenv("PV_PICKER"), System.getenv("PV_TOKEN")), System.getenv("PV_CLIENT_ID"),
                System.getenv("PV_CLIENT_SECRET"), System.getenv("PV_REFRESH_TOKEN"), RetryPolicy.GOOGLE);
        String expected = SyntheticVideo.sha256(new SyntheticVideo(size, 99));
        String token = client.upload(new SyntheticVideo(size, 99), size, "video/mp4", "huge.mp4");
        MediaItem item = client.createMediaItems(null, List.of(new GooglePhotosClient.NewItem(token, "huge.mp4", "")))
                .get(0).item();
        String actual;
        try (InputStream in = client.download(item)) {
            actual = SyntheticVideo.sha256(in);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println((expected.equals(actual) ? "MATCH " : "MISMATCH ") + expected + " " + actual
                + " maxHeap=" + rt.maxMemory());
    }
}

package dev.photovault.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Counts what clients spend (API requests, media-byte requests, uploads, bytes served, per endpoint), enforces
 * the daily and per-minute quotas, and injects the configured faults. Quota days follow Pacific time, as
 * Google's do.
 */
final class Traffic {

    private static final ZoneId QUOTA_ZONE = ZoneId.of("America/Los_Angeles");

    private final EmulatorClock clock;
    private volatile FaultSpec faults;
    private long dropsLeft;
    private final Map<String, Long> byEndpoint = new TreeMap<>();
    private long apiRequests;
    private long mediaRequests;
    private long uploads;
    private long bytesServed;
    private long bytesUploaded;
    private long injectedFaults;
    private LocalDate quotaDay;
    private long dayRequests;
    private long dayMedia;
    private long minute = -1;
    private long minuteWrites;

    Traffic(EmulatorClock clock, FaultSpec faults) {
        this.clock = clock;
        this.faults = faults;
        this.dropsLeft = faults.dropNext();
    }

    FaultSpec faults() {
        return faults;
    }

    void faults(FaultSpec spec) {
        this.faults = spec;
        synchronized (this) {
            dropsLeft = spec.dropNext();
        }
    }

    /** Counts an API request and applies quotas and faults; throws the error to answer with, if any. */
    void api(String endpoint, boolean write) {
        synchronized (this) {
            apiRequests++;
            byEndpoint.merge(endpoint, 1L, Long::sum);
            rollDay();
            dayRequests++;
            if (faults.dailyRequests() > 0 && dayRequests > faults.dailyRequests()) {
                throw ApiError.quotaExceeded("Quota exceeded for quota metric 'All requests' and limit 'All"
                        + " requests per day' of service 'photoslibrary.googleapis.com' for consumer"
                        + " 'project_number:100000000001'.", "photoslibrary.googleapis.com/all_requests",
                        "AllRequestsPerDayPerProject", faults.dailyRequests());
            }
            if (write && faults.writesPerMinute() > 0) {
                long now = clock.instant().getEpochSecond() / 60;
                if (now != minute) {
                    minute = now;
                    minuteWrites = 0;
                }
                if (++minuteWrites > faults.writesPerMinute()) {
                    throw ApiError.quotaExceeded("Quota exceeded for quota metric 'Write requests' and limit"
                            + " 'Write requests per minute per user' of service 'photoslibrary.googleapis.com' for"
                            + " consumer 'project_number:100000000001'.", "photoslibrary.googleapis.com/write_requests",
                            "WriteRequestsPerMinutePerUser", faults.writesPerMinute());
                }
            }
        }
        inject();
    }

    /** Counts a media-byte request and applies its quota and faults. */
    void media(String endpoint) {
        synchronized (this) {
            mediaRequests++;
            byEndpoint.merge(endpoint, 1L, Long::sum);
            rollDay();
            dayMedia++;
            if (faults.dailyMedia() > 0 && dayMedia > faults.dailyMedia()) {
                throw ApiError.quotaExceeded("Quota exceeded for quota metric 'Media bytes requests' and limit"
                        + " 'Media bytes requests per day' of service 'photoslibrary.googleapis.com' for consumer"
                        + " 'project_number:100000000001'.", "photoslibrary.googleapis.com/media_bytes_requests",
                        "MediaBytesRequestsPerDayPerProject", faults.dailyMedia());
            }
        }
        inject();
    }

    /** Counts a request that neither quota covers (token endpoint, Picker, control). */
    synchronized void other(String endpoint) {
        byEndpoint.merge(endpoint, 1L, Long::sum);
    }

    synchronized void uploaded(long bytes) {
        uploads++;
        bytesUploaded += bytes;
    }

    synchronized void served(long bytes) {
        bytesServed += bytes;
    }

    /** Whether this transfer (a media download or a resumable upload chunk) should be cut off halfway. */
    boolean dropTransfer() {
        boolean drop;
        synchronized (this) {
            drop = dropsLeft > 0;
            if (drop) {
                dropsLeft--;
            }
        }
        drop = drop || faults.drop() > 0 && ThreadLocalRandom.current().nextDouble() < faults.drop();
        if (drop) {
            synchronized (this) {
                injectedFaults++;
            }
        }
        return drop;
    }

    private void inject() {
        FaultSpec f = faults;
        if (!f.latency().isZero()) {
            try {
                Thread.sleep(f.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double r = ThreadLocalRandom.current().nextDouble();
        ApiError fault = null;
        if (r < f.p429()) {
            fault = ApiError.quotaExceeded("Quota exceeded for quota metric 'Requests' and limit 'Requests per"
                    + " minute' of service 'photoslibrary.googleapis.com' (injected by the emulator).",
                    "photoslibrary.googleapis.com/requests", "RequestsPerMinutePerProject", 100_000);
        } else if (r < f.p429() + f.p500()) {
            fault = new ApiError(500, "INTERNAL", "Internal error encountered. (injected by the emulator)");
        } else if (r < f.p429() + f.p500() + f.p503()) {
            fault = new ApiError(503, "UNAVAILABLE", "The service is currently unavailable. (injected by the emulator)");
        }
        if (fault != null) {
            synchronized (this) {
                injectedFaults++;
            }
            throw fault;
        }
    }

    private void rollDay() {
        LocalDate today = clock.instant().atZone(QUOTA_ZONE).toLocalDate();
        if (!today.equals(quotaDay)) {
            quotaDay = today;
            dayRequests = 0;
            dayMedia = 0;
        }
    }

    synchronized void reset() {
        byEndpoint.clear();
        apiRequests = 0;
        mediaRequests = 0;
        uploads = 0;
        bytesServed = 0;
        bytesUploaded = 0;
        injectedFaults = 0;
        quotaDay = null;
        minute = -1;
    }

    synchronized ObjectNode stats() {
        ObjectNode s = EmulatorState.JSON.createObjectNode();
        s.put("apiRequests", apiRequests);
        s.put("mediaRequests", mediaRequests);
        s.put("uploads", uploads);
        s.put("bytesUploaded", bytesUploaded);
        s.put("bytesServed", bytesServed);
        s.put("injectedFaults", injectedFaults);
        s.put("requestsToday", dayRequests);
        s.put("mediaRequestsToday", dayMedia);
        ObjectNode endpoints = s.putObject("byEndpoint");
        byEndpoint.forEach(endpoints::put);
        return s;
    }
}

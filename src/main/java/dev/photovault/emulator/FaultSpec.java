package dev.photovault.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Quotas and injected faults, all off by default. Written as a comma-separated list, e.g.
 * {@code daily-requests=10000,daily-media=75000,writes-per-minute=60,429=0.05,500=0.02,503=0.1,latency=20ms,drop=0.1}.
 *
 * @param dailyRequests   Library API requests per day before 429 RESOURCE_EXHAUSTED (0: unlimited)
 * @param dailyMedia      media-byte (base URL) requests per day (0: unlimited)
 * @param writesPerMinute write requests per minute (0: unlimited)
 * @param p429            probability of an injected 429 on an API or media request
 * @param p500            probability of an injected 500
 * @param p503            probability of an injected 503
 * @param latency         added to every API and media request
 * @param drop            probability that a media download or a resumable upload chunk is cut off halfway
 * @param dropNext        how many of the next media downloads and resumable upload chunks are cut off halfway,
 *                        for tests that need one drop exactly
 */
public record FaultSpec(long dailyRequests, long dailyMedia, long writesPerMinute, double p429, double p500,
        double p503, Duration latency, double drop, long dropNext) {

    public static final FaultSpec NONE = new FaultSpec(0, 0, 0, 0, 0, 0, Duration.ZERO, 0, 0);

    private static final String KEYS = "daily-requests, daily-media, writes-per-minute, 429, 500, 503, latency,"
            + " drop or drop-next";

    public FaultSpec {
        for (double p : new double[] {p429, p500, p503, drop}) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("fault probabilities must be between 0 and 1, got " + p);
            }
        }
    }

    /** Parses the comma-separated form; an empty or null spec is {@link #NONE}. */
    public static FaultSpec parse(String spec) {
        Map<String, String> values = new LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String part : spec.split(",")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("fault spec part '" + part + "' is not key=value");
                }
                String key = kv[0].trim().toLowerCase(Locale.ROOT);
                if (!(", " + KEYS.replace(" or ", ", ") + ",").contains(" " + key + ",")) {
                    throw new IllegalArgumentException("unknown fault '" + key + "': expected " + KEYS);
                }
                values.put(key, kv[1].trim());
            }
        }
        try {
            return new FaultSpec(number(values, "daily-requests"), number(values, "daily-media"),
                    number(values, "writes-per-minute"), probability(values, "429"), probability(values, "500"),
                    probability(values, "503"), Duration.ofMillis(number(values, "latency")),
                    probability(values, "drop"), number(values, "drop-next"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault values must be numbers: " + e.getMessage());
        }
    }

    private static long number(Map<String, String> values, String key) {
        String v = values.getOrDefault(key, "0");
        return Long.parseLong(v.endsWith("ms") ? v.substring(0, v.length() - 2) : v);
    }

    private static double probability(Map<String, String> values, String key) {
        return Double.parseDouble(values.getOrDefault(key, "0"));
    }
}

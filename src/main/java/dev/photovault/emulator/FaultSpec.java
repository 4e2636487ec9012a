package dev.photovault.emulator;

import java.time.Duration;
import java.util.Locale;

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
 * @param drop            probability that a media download is cut off halfway
 */
public record FaultSpec(long dailyRequests, long dailyMedia, long writesPerMinute, double p429, double p500,
        double p503, Duration latency, double drop) {

    public static final FaultSpec NONE = new FaultSpec(0, 0, 0, 0, 0, 0, Duration.ZERO, 0);

    public FaultSpec {
        for (double p : new double[] {p429, p500, p503, drop}) {
            if (p < 0 || p > 1) {
                throw new IllegalArgumentException("fault probabilities must be between 0 and 1, got " + p);
            }
        }
    }

    /** Parses the comma-separated form; an empty or null spec is {@link #NONE}. */
    public static FaultSpec parse(String spec) {
        FaultSpec f = NONE;
        if (spec == null || spec.isBlank()) {
            return f;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("fault spec part '" + part + "' is not key=value");
            }
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            String value = kv[1].trim();
            try {
                f = switch (key) {
                    case "daily-requests" -> new FaultSpec(Long.parseLong(value), f.dailyMedia, f.writesPerMinute, f.p429, f.p500, f.p503, f.latency, f.drop);
                    case "daily-media" -> new FaultSpec(f.dailyRequests, Long.parseLong(value), f.writesPerMinute, f.p429, f.p500, f.p503, f.latency, f.drop);
                    case "writes-per-minute" -> new FaultSpec(f.dailyRequests, f.dailyMedia, Long.parseLong(value), f.p429, f.p500, f.p503, f.latency, f.drop);
                    case "429" -> new FaultSpec(f.dailyRequests, f.dailyMedia, f.writesPerMinute, Double.parseDouble(value), f.p500, f.p503, f.latency, f.drop);
                    case "500" -> new FaultSpec(f.dailyRequests, f.dailyMedia, f.writesPerMinute, f.p429, Double.parseDouble(value), f.p503, f.latency, f.drop);
                    case "503" -> new FaultSpec(f.dailyRequests, f.dailyMedia, f.writesPerMinute, f.p429, f.p500, Double.parseDouble(value), f.latency, f.drop);
                    case "latency" -> new FaultSpec(f.dailyRequests, f.dailyMedia, f.writesPerMinute, f.p429, f.p500, f.p503, parseMillis(value), f.drop);
                    case "drop" -> new FaultSpec(f.dailyRequests, f.dailyMedia, f.writesPerMinute, f.p429, f.p500, f.p503, f.latency, Double.parseDouble(value));
                    default -> throw new IllegalArgumentException("unknown fault '" + key + "': expected daily-requests,"
                            + " daily-media, writes-per-minute, 429, 500, 503, latency or drop");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + key + "' needs a number, got '" + value + "'");
            }
        }
        return f;
    }

    private static Duration parseMillis(String value) {
        String v = value.endsWith("ms") ? value.substring(0, value.length() - 2) : value;
        return Duration.ofMillis(Long.parseLong(v));
    }
}

package dev.photovault.takeout;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A taken time from a file name, for media without sidecar or EXIF: {@code IMG_20190919_053857.jpg},
 * {@code Screenshot_20190919-053857.png}, {@code 20180126114752.jpg}, {@code PXL_20230101_123456789.jpg},
 * {@code WhatsApp Image 2019-09-19 at 05.38.57.jpeg}, or a date alone ({@code IMG-20190919-WA0001.jpg}). Read as
 * UTC, like every Takeout time.
 */
final class FileNameDates {

    private static final Pattern DATE_TIME = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)[-_.]?(\\d\\d)[-_.]?(\\d\\d)"
            + "(?: at |[-_ T.]|)(\\d\\d)[-_.:h]?(\\d\\d)[-_.:m]?(\\d\\d)(?:\\d{1,3})?(?!\\d)");
    private static final Pattern DATE = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)([-_.]?)(\\d\\d)\\2(\\d\\d)(?!\\d)");

    private FileNameDates() {
    }

    static Instant parse(String fileName) {
        Matcher m = DATE_TIME.matcher(fileName);
        while (m.find()) {
            Instant t = at(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
            if (t != null) {
                return t;
            }
        }
        m = DATE.matcher(fileName);
        while (m.find()) {
            Instant t = at(m.group(1), m.group(3), m.group(4), "0", "0", "0");
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static Instant at(String y, String mo, String d, String h, String mi, String s) {
        try {
            return LocalDateTime.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d),
                    Integer.parseInt(h), Integer.parseInt(mi), Integer.parseInt(s)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }
}

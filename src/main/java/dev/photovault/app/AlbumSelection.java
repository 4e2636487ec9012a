package dev.photovault.app;

import dev.photovault.googlephotos.GooglePhotosConstants;
import dev.photovault.vault.core.VaultException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Message;

/**
 * The albums a backup reads ({@code backup.albums}): titles separated by commas, a title that contains a comma
 * written in double quotes ({@code "Summer, 2024", Family}); empty for every app-created album. The backup route
 * calls {@link #apply} (bean {@code photovaultAlbumSelection}), which gives the google-photos listing the titles
 * as a list.
 */
public final class AlbumSelection {

    private final List<String> titles;

    public AlbumSelection(String setting) {
        this.titles = parse(setting == null ? "" : setting);
    }

    /** The titles, in order; empty for every album. */
    public List<String> titles() {
        return titles;
    }

    /** Sets the album-title header of the listing to the titles (or removes it for every album). */
    public void apply(Message message) {
        if (titles.isEmpty()) {
            message.removeHeader(GooglePhotosConstants.ALBUM_TITLE);
        } else {
            message.setHeader(GooglePhotosConstants.ALBUM_TITLE, titles);
        }
    }

    static List<String> parse(String setting) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < setting.length(); i++) {
            char c = setting.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < setting.length() && setting.charAt(i + 1) == '"') {
                    current.append('"'); // "" inside quotes is one quote
                    i++;
                } else {
                    quoted = !quoted;
                    wasQuoted = true;
                }
            } else if (c == ',' && !quoted) {
                add(out, current, wasQuoted);
                current.setLength(0);
                wasQuoted = false;
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new VaultException("backup.albums has an unclosed double quote: write titles with commas as"
                    + " \"Summer, 2024\"");
        }
        add(out, current, wasQuoted);
        return List.copyOf(out);
    }

    private static void add(List<String> out, StringBuilder title, boolean quoted) {
        String t = quoted ? title.toString() : title.toString().trim();
        if (!t.isBlank() && !out.contains(t)) {
            out.add(quoted ? t.strip() : t);
        }
    }
}

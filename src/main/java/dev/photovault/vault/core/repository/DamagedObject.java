package dev.photovault.vault.core.repository;

/**
 * A repository object that could not be read as what its folder says it is.
 *
 * @param key    its key, e.g. {@code snapshots/1a2b…}
 * @param reason why, in a few words
 */
public record DamagedObject(String key, String reason) {

    /** One line: what the object is and why it is damaged. */
    public String describe() {
        String name = key.substring(key.indexOf('/') + 1);
        String shortName = Repository.isObjectId(name) ? name.substring(0, 8) : name;
        return (key.startsWith("snapshots/") && Repository.isObjectId(name) ? "snapshot " + shortName + " is damaged"
                : key + " is damaged") + " (" + reason.replace(name, shortName) + ")";
    }
}

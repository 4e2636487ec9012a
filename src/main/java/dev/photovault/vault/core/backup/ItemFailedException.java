package dev.photovault.vault.core.backup;

/**
 * One item could not be read from its source. The backup goes on: the route's error handler may retry the item,
 * and if it still fails the snapshot is committed as partial, naming it.
 */
public class ItemFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ItemFailedException(String path, Throwable cause) {
        super("could not back up " + path + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getMessage() != null && root.getCause().getMessage() != null
                && root.getMessage().contains(root.getCause().getMessage())) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

package dev.photovault.vault;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of {@code vault:} endpoints; set on the component, they are every endpoint's defaults. */
@UriParams
public class VaultConfiguration implements Cloneable {

    @UriParam(label = "common", description = "The repository's storage as a Camel endpoint URI: file:/srv/photovault"
            + " or aws2-s3://bucket?uriEndpointOverride=...&overrideEndpoint=true&forcePathStyle=true")
    @Metadata(required = true)
    private String store;
    @UriParam(label = "security", description = "A file whose first line is the repository passphrase (else"
            + " the password option, else the PHOTOVAULT_PASSWORD environment variable)")
    private String passwordFile;
    @UriParam(label = "security", secret = true, description = "The repository passphrase; prefer passwordFile or"
            + " the PHOTOVAULT_PASSWORD environment variable")
    private String password;
    @UriParam(label = "common", defaultValue = "false", description = "Create the repository on first use if the"
            + " store holds none")
    private boolean initialize;
    @UriParam(label = "common", description = "Where run reports are kept (default: ~/.cache/photovault); each"
            + " repository gets a folder named by its id")
    private String cacheDir;
    @UriParam(label = "common", enums = "GOVERNANCE,COMPLIANCE", description = "S3 Object Lock: every object"
            + " written (but locks) gets a retention of this mode; the bucket must have Object Lock enabled. The"
            + " store URI's own objectLock option wins")
    private String objectLock;
    @UriParam(label = "common", description = "With objectLock: how many days a snapshot stays locked (a decimal);"
            + " chunks are kept locked at least as long as every snapshot that names them")
    private String objectLockDays;
    @UriParam(label = "open", defaultValue = "camel", description = "What is backed up, recorded in the snapshot"
            + " (e.g. google-photos, picker); the parent snapshot is the newest of the same source and paths")
    private String source = "camel";
    @UriParam(label = "open", description = "The snapshot's label (e.g. the account), recorded as its path; runs with"
            + " the same source and label are compared (default: the source)")
    private String label;
    @UriParam(label = "open", description = "Deprecated: the label under its old name (the first of a comma-separated"
            + " list); use label")
    private String paths;
    @UriParam(label = "open", defaultValue = "false", description = "A dry run: vault:store finds out which items would be"
            + " read (new or changed) without opening any body, and vault:commit writes no snapshot; the store, the"
            + " index and the previous snapshot are read for real")
    private boolean dryRun;
    @UriParam(label = "open", defaultValue = "false", description = "Keep in the new snapshot every item of the"
            + " parent that this run did not see (for sources that only show what is new, like Picker sessions)")
    private boolean carryForward;
    @UriParam(label = "open", description = "Tags to record in the snapshot, comma-separated")
    private String tags;
    @UriParam(label = "open", defaultValue = "10m", javaType = "java.time.Duration", description = "How long to wait"
            + " for an exclusive lock (prune) to go away")
    private long lockWait = 600_000;
    @UriParam(label = "store", defaultValue = "10s", javaType = "java.time.Duration", description = "How often"
            + " progress is logged during a backup")
    private long progressInterval = 10_000;
    @UriParam(label = "list,read", defaultValue = "latest", description = "The snapshot to list or read: id,"
            + " unique prefix or latest (the header CamelVaultSnapshot overrides it)")
    private String snapshot = "latest";
    @UriParam(label = "restore", description = "The folder vault:restore writes the snapshot into")
    private String target;
    @UriParam(label = "restore", defaultValue = "false", description = "Keep the target a plain mirror: also remove"
            + " what the snapshot no longer holds (only in an empty folder or one an earlier sync made)")
    private boolean sync;
    @UriParam(label = "copy", description = "The store URI vault:copy copies snapshots into (file:…, aws2-s3://…):"
            + " a repository with keys of its own")
    private String toStore;
    @UriParam(label = "copy", description = "The file whose first line is the target's passphrase (default: the"
            + " source's passphrase)", secret = true)
    private String toPasswordFile;
    @UriParam(label = "copy", defaultValue = "false", description = "Create the target repository on first use if its"
            + " store holds none (with the production chunker parameters), wrapped by the target passphrase")
    private boolean toInitialize;
    @UriParam(label = "check", defaultValue = "0", description = "Share of chunks (0 to 1) to decrypt and verify;"
            + " 0 checks structure only")
    private double readDataSubset;
    @UriParam(label = "forget", description = "Keep the newest N snapshots")
    private int keepLast;
    @UriParam(label = "forget", description = "Keep one snapshot for each of N days")
    private int keepDaily;
    @UriParam(label = "forget", description = "Keep one snapshot for each of N weeks")
    private int keepWeekly;
    @UriParam(label = "forget", description = "Keep one snapshot for each of N months")
    private int keepMonthly;
    @UriParam(label = "forget", description = "Keep one snapshot for each of N years")
    private int keepYearly;
    @UriParam(label = "forget", defaultValue = "true", description = "Delete the chunks no snapshot needs any more")
    private boolean prune = true;
    @UriParam(label = "forget", defaultValue = "1h", javaType = "java.time.Duration", description = "Unreferenced"
            + " chunks younger than this stay (a backup may be about to use them)")
    private long pruneGrace = 3_600_000;

    public VaultConfiguration copy() {
        try {
            return (VaultConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public String getPasswordFile() {
        return passwordFile;
    }

    public void setPasswordFile(String passwordFile) {
        this.passwordFile = passwordFile;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public boolean isInitialize() {
        return initialize;
    }

    public void setInitialize(boolean initialize) {
        this.initialize = initialize;
    }

    public String getCacheDir() {
        return cacheDir;
    }

    /** The cache folder these settings name: {@code cacheDir}, else ~/.cache/photovault. */
    public java.nio.file.Path cacheRoot() {
        return cacheDir == null || cacheDir.isBlank()
                ? java.nio.file.Path.of(System.getProperty("user.home"), ".cache", "photovault")
                : java.nio.file.Path.of(cacheDir);
    }

    public void setCacheDir(String cacheDir) {
        this.cacheDir = cacheDir;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getPaths() {
        return paths;
    }

    public void setPaths(String paths) {
        this.paths = paths;
    }

    public boolean isCarryForward() {
        return carryForward;
    }

    public void setCarryForward(boolean carryForward) {
        this.carryForward = carryForward;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public long getLockWait() {
        return lockWait;
    }

    public void setLockWait(long lockWait) {
        this.lockWait = lockWait;
    }

    public long getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(long progressInterval) {
        this.progressInterval = progressInterval;
    }

    public String getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(String snapshot) {
        this.snapshot = snapshot;
    }

    public String getObjectLock() {
        return objectLock;
    }

    public void setObjectLock(String objectLock) {
        this.objectLock = objectLock;
    }

    public String getObjectLockDays() {
        return objectLockDays;
    }

    public void setObjectLockDays(String objectLockDays) {
        this.objectLockDays = objectLockDays;
    }

    public String getToStore() {
        return toStore;
    }

    public void setToStore(String toStore) {
        this.toStore = toStore;
    }

    public String getToPasswordFile() {
        return toPasswordFile;
    }

    public void setToPasswordFile(String toPasswordFile) {
        this.toPasswordFile = toPasswordFile;
    }

    public boolean isToInitialize() {
        return toInitialize;
    }

    public void setToInitialize(boolean toInitialize) {
        this.toInitialize = toInitialize;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public boolean isSync() {
        return sync;
    }

    public void setSync(boolean sync) {
        this.sync = sync;
    }

    public double getReadDataSubset() {
        return readDataSubset;
    }

    public void setReadDataSubset(double readDataSubset) {
        this.readDataSubset = readDataSubset;
    }

    public int getKeepLast() {
        return keepLast;
    }

    public void setKeepLast(int keepLast) {
        this.keepLast = keepLast;
    }

    public int getKeepDaily() {
        return keepDaily;
    }

    public void setKeepDaily(int keepDaily) {
        this.keepDaily = keepDaily;
    }

    public int getKeepWeekly() {
        return keepWeekly;
    }

    public void setKeepWeekly(int keepWeekly) {
        this.keepWeekly = keepWeekly;
    }

    public int getKeepMonthly() {
        return keepMonthly;
    }

    public void setKeepMonthly(int keepMonthly) {
        this.keepMonthly = keepMonthly;
    }

    public int getKeepYearly() {
        return keepYearly;
    }

    public void setKeepYearly(int keepYearly) {
        this.keepYearly = keepYearly;
    }

    public boolean isPrune() {
        return prune;
    }

    public void setPrune(boolean prune) {
        this.prune = prune;
    }

    public long getPruneGrace() {
        return pruneGrace;
    }

    public void setPruneGrace(long pruneGrace) {
        this.pruneGrace = pruneGrace;
    }

    @Override
    public String toString() {
        return "VaultConfiguration[store=" + org.apache.camel.util.URISupport.sanitizeUri(store) + "]";
    }
}

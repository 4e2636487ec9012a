package dev.photovault.app;

/**
 * How one fired backup route ended.
 *
 * @param routeId the route
 * @param status  complete, partial, failed, or dry-run
 * @param report  the run report (JSON), if the route wrote one
 * @param error   why it failed, or null
 */
public record RunOutcome(String routeId, String status, String report, String error) {

    /**
     * How the run on this exchange ended: the status {@code vault:commit} (or the abort) recorded, {@code failed}
     * when an exception ended a run that was not committed as partial, else {@code complete}.
     */
    static String status(org.apache.camel.Exchange exchange, Exception failure) {
        String status = exchange.getProperty("CamelVaultRunStatus", String.class);
        if (failure != null && !"partial".equals(status)) {
            return "failed";
        }
        return status == null ? "complete" : status;
    }

    public boolean ok() {
        return "complete".equals(status) || "dry-run".equals(status);
    }

    /** In a dry run: the paths a real run would download. */
    public java.util.List<String> toRead() {
        if (report == null) {
            return java.util.List.of();
        }
        try {
            var r = dev.photovault.vault.core.VaultJson.MAPPER.readValue(report,
                    dev.photovault.vault.core.backup.RunReport.class);
            return r.toRead() == null ? java.util.List.of() : r.toRead();
        } catch (java.io.IOException e) {
            return java.util.List.of();
        }
    }

    /** The run report's one line, or null when the route wrote no report. */
    public String reportLine() {
        if (report == null) {
            return null;
        }
        try {
            return dev.photovault.vault.core.VaultJson.MAPPER.readValue(report, dev.photovault.vault.core.backup.RunReport.class)
                    .line();
        } catch (java.io.IOException e) {
            return null;
        }
    }
}

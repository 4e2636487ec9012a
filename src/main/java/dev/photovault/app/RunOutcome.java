package dev.photovault.app;

/**
 * How one fired backup route ended.
 *
 * @param routeId the route
 * @param status  complete, partial or failed
 * @param report  the run report (JSON), if the route wrote one
 * @param error   why it failed, or null
 */
public record RunOutcome(String routeId, String status, String report, String error) {

    public boolean ok() {
        return "complete".equals(status);
    }
}

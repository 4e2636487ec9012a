package dev.photovault.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.photovault.vault.core.VaultJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns the end of a run into the notification request: the run report as JSON, POSTed to the success URL when
 * the run was complete and to the failure URL when it was partial or failed. An empty URL sends nothing.
 */
public final class Notifications {

    /** Exchange property with the URL to POST to, or absent. */
    public static final String URL_PROPERTY = "photovaultNotifyUrl";

    private final String successUrl;
    private final String failureUrl;

    public Notifications(String successUrl, String failureUrl) {
        this.successUrl = blankToNull(successUrl);
        this.failureUrl = blankToNull(failureUrl);
    }

    public void prepare(Exchange exchange) {
        Exception failure = exchange.getException();
        if (failure == null) { // an onCompletion copy holds it as caught
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        }
        String status = RunOutcome.status(exchange, failure);
        String report = exchange.getProperty("CamelVaultRunReport", String.class);
        if (report == null || (failure != null && !report.contains("\"status\":\"" + status + "\""))) {
            ObjectNode node = VaultJson.MAPPER.createObjectNode();
            node.put("status", status);
            node.put("job", exchange.getFromRouteId());
            if (failure != null) {
                node.put("error", failure.getMessage());
            }
            report = node.toString();
        }
        String account = exchange.getProperty("PhotovaultAccount", String.class);
        if (account != null && !account.isBlank()) {
            // Whose backup it was: the account (accounts=) and its route.
            try {
                ObjectNode node = (ObjectNode) VaultJson.MAPPER.readTree(report);
                node.put("account", account);
                if (!node.has("job")) {
                    node.put("job", exchange.getFromRouteId());
                }
                report = node.toString();
            } catch (java.io.IOException | ClassCastException e) {
                // not an object: sent as it is
            }
        }
        // A dry run is a question, not a backup: it must not tell a monitor that a backup ran.
        String url = "dry-run".equals(status) ? null : "complete".equals(status) ? successUrl : failureUrl;
        Message out = exchange.getMessage();
        out.getHeaders().clear();
        out.setBody(report);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader(Exchange.HTTP_METHOD, "POST");
        if (url == null) {
            exchange.removeProperty(URL_PROPERTY);
        } else {
            exchange.setProperty(URL_PROPERTY, url);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

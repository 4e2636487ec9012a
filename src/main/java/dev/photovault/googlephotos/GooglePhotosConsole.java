package dev.photovault.googlephotos;

import dev.photovault.googlephotos.api.GooglePhotosClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/** The {@code google-photos} dev console: requests and media requests spent per client, and the last error. */
@DevConsole(name = "google-photos", displayName = "Google Photos", description = "Google Photos requests and quota use")
public class GooglePhotosConsole extends AbstractDevConsole {

    public GooglePhotosConsole() {
        super("camel", "google-photos", "Google Photos", "Google Photos requests and quota use");
    }

    private List<GooglePhotosClient> clients() {
        if (!getCamelContext().getComponentNames().contains("google-photos")) {
            return List.of();
        }
        return new ArrayList<>(getCamelContext().getComponent("google-photos", GooglePhotosComponent.class).clients());
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (GooglePhotosClient c : clients()) {
            sb.append(String.format("    %s: api requests %d, media requests %d, last success %s, last failure %s%n",
                    c.endpoints().apiUrl(), c.apiRequests(), c.mediaRequests(), c.lastSuccess(), c.lastFailure()));
        }
        return sb.toString();
    }

    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        List<JsonObject> list = new ArrayList<>();
        for (GooglePhotosClient c : clients()) {
            JsonObject jo = new JsonObject();
            jo.put("apiUrl", c.endpoints().apiUrl());
            jo.put("apiRequests", c.apiRequests());
            jo.put("mediaRequests", c.mediaRequests());
            jo.put("lastSuccess", c.lastSuccess() == null ? null : c.lastSuccess().toString());
            jo.put("lastFailure", c.lastFailure());
            list.add(jo);
        }
        root.put("clients", list);
        return root;
    }
}

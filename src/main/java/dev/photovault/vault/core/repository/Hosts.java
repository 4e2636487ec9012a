package dev.photovault.vault.core.repository;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who and where we are, for snapshot headers, keys and locks. */
public final class Hosts {

    private Hosts() {
    }

    public static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    public static String username() {
        return System.getProperty("user.name", "unknown");
    }
}

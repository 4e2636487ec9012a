package dev.photovault.cli;

import dev.photovault.emulator.EmulatorCredentials;
import dev.photovault.emulator.FaultSpec;
import dev.photovault.emulator.GooglePhotosEmulator;
import dev.photovault.vault.core.VaultException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "emulator", description = "Run a local Google Photos (Library, Picker, uploads, OAuth) for tests and demos.")
final class EmulatorCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 8089; 0 picks a free one).")
    int port = 8089;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
    String bind = "127.0.0.1";

    @Option(names = "--state", paramLabel = "DIR", description = "Keep albums, items and media in DIR across restarts.")
    Path state;

    @Option(names = "--seed", paramLabel = "N",
            description = "Add N generated items to the user's library (visible to Picker sessions only).")
    int seed;

    @Option(names = "--seed-app", paramLabel = "N",
            description = "Add N generated items in albums created by the emulator's client (visible to the Library API).")
    int seedApp;

    @Option(names = "--import", paramLabel = "DIR",
            description = "Add the photos and videos under DIR as app-created items, an album per first-level folder.")
    Path importDir;

    @Option(names = "--faults", paramLabel = "SPEC",
            description = "Quotas and faults, e.g. daily-requests=10000,503=0.1,drop=0.05,latency=20ms (default: none).")
    String faults;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Also write client_id, client_secret, refresh_token and the URLs as JSON (mode 600).")
    Path credentialsFile;

    @Override
    public Integer call() throws Exception {
        FaultSpec spec;
        try {
            spec = FaultSpec.parse(faults);
        } catch (IllegalArgumentException e) {
            throw new VaultException("--faults: " + e.getMessage());
        }
        GooglePhotosEmulator emulator;
        try {
            emulator = GooglePhotosEmulator.builder().port(port).bindAddress(bind).stateDir(state).faults(spec).start();
        } catch (java.net.BindException e) {
            throw new VaultException("cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "): choose another --port");
        }
        if (seed > 0) {
            emulator.seed(seed, Math.max(1, seed / 20), null, 1);
        }
        if (seedApp > 0) {
            emulator.seed(seedApp, Math.max(1, seedApp / 20), GooglePhotosEmulator.DEFAULT_CLIENT_ID, 2);
        }
        if (importDir != null) {
            int n = emulator.importFolder(importDir, GooglePhotosEmulator.DEFAULT_CLIENT_ID).size();
            System.out.println("imported " + n + " items from " + importDir);
        }
        EmulatorCredentials c = emulator.credentials();
        Map<String, String> json = new LinkedHashMap<>();
        json.put("client_id", c.clientId());
        json.put("client_secret", c.clientSecret());
        json.put("refresh_token", c.refreshToken());
        json.put("api_url", emulator.apiUrl());
        json.put("picker_url", emulator.pickerUrl());
        json.put("token_url", emulator.tokenUrl());
        if (credentialsFile != null) {
            Files.deleteIfExists(credentialsFile);
            Files.createFile(credentialsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(credentialsFile, dev.photovault.vault.core.VaultJson.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json));
        }
        System.out.println("Google Photos emulator on " + emulator.url() + (state == null ? " (in memory)" : " (state in " + state + ")"));
        System.out.println("  google-photos.api-url=" + emulator.apiUrl());
        System.out.println("  google-photos.picker-url=" + emulator.pickerUrl());
        System.out.println("  google-photos.token-url=" + emulator.tokenUrl());
        System.out.println("  google-photos.client-id=" + c.clientId());
        System.out.println("  google-photos.client-secret=" + c.clientSecret());
        System.out.println("  google-photos.refresh-token=" + c.refreshToken());
        System.out.println("Control: GET " + emulator.url() + "/emulator/stats; POST /emulator/reset, /emulator/seed,"
                + " /emulator/sessions/{id}:pick. Stop with Ctrl-C.");
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}

package dev.photovault.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.photovault.vault.core.Digests;
import dev.photovault.vault.core.snapshot.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser (Debian's chromium, headless, driven by chromium-driver) over the emulator's
 * library backed up by the shipped route: sign in, the grid with every visible thumbnail loaded, an item's page
 * and metadata, its download, the restore of an album. Screenshots go to {@code target/ui-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "ui-screenshots");

    static UiTestLibrary library;
    static WebUi ui;
    static ChromeDriver browser;
    static Path downloads;
    static Path restores;
    static Path profile;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "the browser tests need Debian's chromium and chromium-driver (apt-get install chromium"
                        + " chromium-driver; .ci/run installs them): skipped");
        library = UiTestLibrary.get();
        restores = Files.createTempDirectory("photovault-ui-restores");
        downloads = Files.createTempDirectory("photovault-ui-downloads");
        profile = Files.createTempDirectory("photovault-ui-chromium");
        ui = library.start(restores);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    @Order(1)
    void signInShowsTheSnapshotsAndTheRunHistory() throws Exception {
        browser.get(ui.url());
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("passphrase")).sendKeys("not it");
        browser.findElement(By.id("sign-in")).click();
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("Wrong passphrase");
        shot("login-refused");
        Thread.sleep(1100); // the rate limit after one failure
        browser.findElement(By.id("passphrase")).sendKeys(UiTestLibrary.PASSPHRASE);
        browser.findElement(By.id("sign-in")).click();
        WebElement table = browser.findElement(By.id("snapshots"));
        assertThat(table.getText()).contains(library.snapshot.shortId()).contains("google-photos").contains("48")
                .contains("complete");
        assertThat(browser.findElement(By.id("health")).getText()).contains("complete");
        shot("snapshots");
    }

    @Test
    @Order(2)
    void theGridShowsEveryVisibleThumbnailLoaded() throws Exception {
        browser.findElement(By.linkText(library.snapshot.shortId())).click();
        assertThat(browser.findElements(By.cssSelector("#albums li"))).hasSize(4);
        browser.findElement(By.id("all-photos")).click();
        assertThat(browser.findElement(By.id("count")).getText()).startsWith("48 items");
        List<WebElement> images = browser.findElements(By.cssSelector("#grid img"));
        assertThat(images).hasSize(48);
        waitForVisibleImages();
        shot("grid");
        // Keyboard: the arrows move through the grid.
        browser.findElement(By.tagName("body")).sendKeys(Keys.ARROW_RIGHT);
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        WebElement active = browser.switchTo().activeElement();
        assertThat(active.getAttribute("class")).isEqualTo("thumb");
        assertThat(active.getAttribute("href")).isEqualTo(browser.findElements(By.cssSelector("#grid .thumb")).get(1)
                .getAttribute("href"));
        // Scrolled to the end, the lazily loaded rest loads too.
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, document.body.scrollHeight)");
        waitForVisibleImages();
    }

    @Test
    @Order(3)
    void anItemShowsItsMetadataAndDownloadsAsTheOriginal() throws Exception {
        String first = browser.findElements(By.cssSelector("#grid .thumb")).get(0).getAttribute("href");
        String second = browser.findElements(By.cssSelector("#grid .thumb")).get(1).getAttribute("href");
        browser.get(first);
        int n = Integer.parseInt(first.substring(first.lastIndexOf('/') + 1));
        Entry entry = library.load().entries().get(n);
        String meta = browser.findElement(By.id("meta")).getText();
        assertThat(meta).contains("Taken").contains("Camera").contains(entry.path()).contains(entry.sha256())
                .contains(String.valueOf(entry.size()));
        if (!entry.albums().isEmpty()) {
            assertThat(meta).contains(entry.albums().get(0));
        }
        waitForVisibleImages();
        shot("item");
        browser.findElement(By.id("download")).click();
        String name = entry.media() != null && entry.media().filename() != null ? entry.media().filename()
                : entry.path().substring(entry.path().lastIndexOf('/') + 1);
        Path downloaded = downloads.resolve(name);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(downloaded)
                && size(downloaded) == entry.size());
        assertThat(Digests.sha256Hex(Files.readAllBytes(downloaded))).isEqualTo(entry.sha256());
        // The arrow keys step through the grid the item was opened from; Escape goes back to it.
        assertThat(browser.findElements(By.id("prev"))).isEmpty();
        browser.findElement(By.tagName("body")).sendKeys(Keys.ARROW_RIGHT);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> second.equals(d.getCurrentUrl()));
        browser.findElement(By.tagName("body")).sendKeys(Keys.ARROW_LEFT);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> first.equals(d.getCurrentUrl()));
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/grid"));
        browser.get(first);
    }

    @Test
    @Order(4)
    void anAlbumRestoresToAFolderWithProgress() throws Exception {
        browser.get(ui.url() + "s/" + library.snapshot.id());
        WebElement albumLink = browser.findElements(By.cssSelector("#albums li a")).get(0);
        String album = albumLink.getText();
        albumLink.click();
        List<Entry> inAlbum = library.load().entries().stream().filter(e -> e.isFile() && e.albums().contains(album))
                .toList();
        assertThat(browser.findElement(By.id("count")).getText()).startsWith(inAlbum.size() + " item");
        WebElement folder = browser.findElement(By.id("folder"));
        folder.clear();
        folder.sendKeys("../../escape " + album);
        browser.findElement(By.id("restore-all")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d ->
                d.findElement(By.id("job-state")).getText().equals("done"));
        shot("restore");
        String target = browser.findElement(By.id("target")).getText();
        Path restored = Path.of(target);
        assertThat(restored.getParent()).isEqualTo(restores.toAbsolutePath().normalize());
        for (Entry e : inAlbum) {
            Path file = restored.resolve(e.path());
            assertThat(file).exists();
            assertThat(Digests.sha256Hex(Files.readAllBytes(file))).as(e.path()).isEqualTo(e.sha256());
        }
        try (Stream<Path> walk = Files.walk(restored)) {
            assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(inAlbum.size());
        }
    }

    @Test
    @Order(5)
    void onAPhoneTheGridStillFitsTheScreen() throws Exception {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(ui.url() + "s/" + library.snapshot.id() + "/grid");
        waitForVisibleImages();
        Long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth");
        Long clientWidth = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.clientWidth");
        assertThat(scrollWidth).isLessThanOrEqualTo(clientWidth);
        shot("grid-phone");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }

    /** Waits until every image in the viewport has loaded with real pixels. */
    private static void waitForVisibleImages() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return Array.from(document.images).filter(function (i) {"
                        + " var r = i.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; })"
                        + ".every(function (i) { return i.complete && i.naturalWidth > 0; })")));
        Long broken = (Long) ((JavascriptExecutor) browser).executeScript("return Array.from(document.images)"
                + ".filter(function (i) { var r = i.getBoundingClientRect(); return r.bottom > 0"
                + " && r.top < window.innerHeight && !(i.naturalWidth > 0); }).length");
        assertThat(broken).isZero();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }
}

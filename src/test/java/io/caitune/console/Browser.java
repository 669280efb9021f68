package io.caitune.console;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's chromium driven through its chromedriver (a test tool's own browser download does not work on these
 * machines). The API credentials go on every request the page makes as an Authorization header, through the
 * DevTools protocol: harmless while the service has no authentication, what its HTTP Basic expects once it does.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Chromium and its driver, when installed (CHROME_BIN / CHROMEDRIVER override the Debian paths). */
    static Optional<Path[]> installed() {
        Optional<Path> chrome = firstExecutable(System.getenv("CHROME_BIN"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driver = firstExecutable(System.getenv("CHROMEDRIVER"), "/usr/bin/chromedriver");
        return chrome.isPresent() && driver.isPresent() ? Optional.of(new Path[] { chrome.get(), driver.get() })
                : Optional.empty();
    }

    static Browser start(Path[] binaries, String user, String password) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions().setBinary(binaries[0].toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1400,1200");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binaries[1].toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Network.enable", Map.of());
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic " + basic)));
        return new Browser(driver);
    }

    WebDriverWait waiting() {
        // pages re-render when data arrives: an element read mid-render is read again
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90), Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /** Uncaught errors and unhandled rejections the page collected (see index.html). */
    @SuppressWarnings("unchecked")
    List<String> errors() {
        return (List<String>) driver.executeScript("return window.consoleErrors || ['console did not load'];");
    }

    Path screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<Path> firstExecutable(String... candidates) {
        return Stream.of(candidates).filter(c -> c != null && !c.isBlank()).map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }
}

package dk.bostotte.systemtests.browser;

import dk.bostotte.systemtests.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system's Debian Chromium, headless, driven through the system chromedriver: a support
 * worker's browser. Fake camera and microphone (a test pattern and a beep) stand in for real ones,
 * and permission prompts are answered yes, as a worker would. Screenshots go to {@code screenshots}.
 */
public final class ConsoleBrowser implements AutoCloseable {

    /**
     * Selenium warns at every start that it has no DevTools bindings for this Chromium's version;
     * these tests use WebDriver only, so that warning is noise. Held here so the setting sticks.
     */
    private static final Logger CDP_VERSION_WARNINGS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
    }

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path screenshots;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, String baseUrl, Path screenshots, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
        this.profile = profile;
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** For a browser test: skips without Chromium, or fails under {@code ./bostotte test}, which installs it. */
    public static void require() {
        Requirements.require(available(), "chromium and chromedriver are not installed (Debian packages chromium, chromium-driver)");
    }

    private static ConsoleBrowser shared;

    /**
     * The one browser the tests on the shared fleet use, each signing in as it needs: started once
     * per test JVM, quit when the JVM exits. Its {@link #close()} does nothing.
     */
    public static synchronized ConsoleBrowser shared(String baseUrl) {
        if (shared == null) {
            ConsoleBrowser b = open(baseUrl, Path.of("target", "screenshots"));
            b.isShared = true;
            Runtime.getRuntime().addShutdownHook(new Thread(b::quit, "quit-shared-browser"));
            shared = b;
        }
        if (!shared.baseUrl.equals(baseUrl)) {
            throw new IllegalStateException("the shared browser serves " + shared.baseUrl + ", not " + baseUrl);
        }
        return shared;
    }

    private boolean isShared;

    public static ConsoleBrowser open(String baseUrl, Path screenshots) {
        try {
            Files.createDirectories(screenshots);
            Path profile = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                    "--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection",
                    "--window-size=1280,900", "--lang=da", "--user-data-dir=" + profile));
            // The page's console output, so a failing test can say what the page said.
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            return new ConsoleBrowser(new ChromeDriver(service, options), baseUrl, screenshots, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void signIn(String user, String password) {
        driver.manage().deleteAllCookies();
        driver.get(baseUrl + "/login");
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button")).click();
        // Each role lands on its own start page ("/", /devices, /report): signed in once the sign-in page is gone.
        waitFor(Duration.ofSeconds(10), () -> driver.getCurrentUrl().startsWith(baseUrl + "/")
                && !driver.getCurrentUrl().startsWith(baseUrl + "/login"));
    }

    /** The path of the page the browser shows ({@code /devices}). */
    public String path() {
        return String.valueOf(js("return location.pathname"));
    }

    public void get(String path) {
        driver.get(baseUrl + path);
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /**
     * Clicks once the element is there, visible and not covered. The page re-renders lists while it
     * runs, so a click that lands on a moving or replaced element is tried again.
     */
    public void click(By by, Duration timeout) {
        waitFor(timeout, () -> {
            try {
                WebElement e = driver.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
                if (e == null) {
                    return false;
                }
                e.click();
                return true;
            } catch (ElementClickInterceptedException | StaleElementReferenceException e) {
                return false;
            }
        });
    }

    public Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Polls {@code condition} until it holds or fails with the page's call state after {@code timeout}. */
    public void waitFor(Duration timeout, BooleanSupplier condition) {
        try {
            // Pages re-render their lists while they run: an element replaced mid-check is checked again.
            new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage(() -> "page state: " + callState())
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            screenshot("timeout-" + System.currentTimeMillis());
            throw new AssertionError(e.getMessage() + "\npage console:\n" + consoleLog(), e);
        }
    }

    /** The call panel's state as the page exposes it ({@code window.bostotteCall}). */
    public String callState() {
        try {
            return String.valueOf(js("return JSON.stringify(window.bostotteCall || null)"));
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** What the page logged to its console since the last call. */
    public String consoleLog() {
        try {
            StringBuilder out = new StringBuilder();
            driver.manage().logs().get("browser").forEach(e -> out.append(e.getLevel()).append(' ')
                    .append(e.getMessage()).append('\n'));
            return out.toString();
        } catch (RuntimeException e) {
            return "(no console log: " + e + ")";
        }
    }

    public Path screenshot(String name) {
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        if (!isShared) {
            quit();
        }
    }

    private void quit() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory; not worth failing a test over
            }
        }
    }
}

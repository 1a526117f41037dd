package dev.creditrules.cli;

import static dev.creditrules.cli.ServeCommandTest.MAPPER;
import static dev.creditrules.cli.ServeCommandTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The workbench page end to end, as an analyst uses it: {@code credit-rules serve --live} on a copy
 * of the packs, the page in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromedriver}, driven by Selenium). It pastes a worked example, picks asOf, decides, explains a
 * measure, opens the timeline, submits an invalid request, then breaks a pack and sees the live
 * directory reject it. Screenshots go to {@code target/workbench/}.
 *
 * <p>Without Chromium the test fails, saying how to install it; {@code .ci/run} installs it.
 */
class WorkbenchBrowserTest {
  static final Path CHROMIUM =
      Path.of(System.getProperty("workbench.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target/workbench");
  static final Duration WAIT = Duration.ofSeconds(60);

  private HttpService service;
  private WebDriver browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
  }

  /**
   * Chromium through the given chromedriver, never Selenium Manager (which would download a
   * driver): both paths are set, so Selenium does not look for them.
   */
  static WebDriver chromium() {
    String install =
        " is missing: the workbench browser test needs Debian's Chromium and its driver;"
            + " install them with: apt-get install -y chromium chromium-driver"
            + " (.ci/run does this), or point -Dworkbench.chromium and -Dwebdriver.chrome.driver at them";
    assertThat(Files.isExecutable(CHROMIUM)).as(CHROMIUM + install).isTrue();
    assertThat(Files.isExecutable(CHROMEDRIVER)).as(CHROMEDRIVER + install).isTrue();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1400,2600",
        "--lang=en-US");
    ChromeDriverService driver =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(driver, options);
  }

  @Test
  void anAnalystDecidesExplainsFollowsTheTimelineAndSeesErrorsAndARejectedChange(@TempDir Path tmp)
      throws Exception {
    browser = chromium(); // first: without Chromium, fail at once with how to install it
    Path dir = tmp.resolve("packs");
    ServeCommandTest.copy(Path.of("../rules-drl/src/main/packs"), dir);
    ServeCommand command = new ServeCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--live",
            dir.toString(),
            "--gate",
            "none",
            "--threads",
            "2",
            "--examples",
            ServeCommandTest.REQUESTS.toString(),
            "--no-auth");
    service = command.start();
    JsonNode packs = MAPPER.readTree(get(service, HttpService.PACKS).body());
    String general = digest(packs, "general@2026.04");

    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    browser.get("http://127.0.0.1:" + service.port() + "/workbench");
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    assertThat(text("generation")).contains("generation 1", "healthy");
    // the worked examples are offered, and the first one is in the editor
    assertThat(new Select(browser.findElement(By.id("example"))).getOptions()).isNotEmpty();
    assertThat(browser.findElement(By.id("request")).getDomProperty("value")).contains("\"asOf\"");

    // paste a worked example, pick asOf the day before repair opens
    WebElement request = browser.findElement(By.id("request"));
    request.clear();
    request.sendKeys(Files.readString(ServeCommandTest.REQUESTS.resolve("gen-ex-01.json")));
    pick("asOf", "2026-08-10");
    browser.findElement(By.id("decide")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outcomes")));

    WebElement publication = line("#outcomes tr[data-measure='GEN-S-05']");
    assertThat(publication.getText())
        .contains(
            "sanction",
            "2026-05-10 .. 2027-05-10",
            "f1",
            "general@2026.04/general-penalty-publication");
    assertPack(publication, "general@2026.04", general);
    WebElement repair = line("#repairs tr[data-fact='f1']");
    assertThat(repair.getText())
        .contains("NOT_YET", "2026-08-11", "MIN_PERIOD", "general@2026.04/penalty-repair");
    assertPack(repair, "general@2026.04", general);
    assertThat(text("next-change")).isEqualTo("2026-08-11");

    // explain the measure: a click on its line
    publication.click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("explanation"), "GEN-S-05"));
    String explanation = text("explanation");
    assertThat(explanation)
        .contains(
            "Why GEN-S-05 is in the decision",
            "general@2026.04/general-penalty-publication: FIRED");
    assertPack(browser.findElement(By.cssSelector("#explanation .rule:last-child h3")), null, null);

    // explain the repair entry: why NOT_YET, each condition with its line and the values it read
    repair.click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("explanation"), "repair f1"));
    assertThat(text("explanation"))
        .contains(
            "Why the repair entry of f1 is what it is",
            "repair f1 (GEN-R-03): NOT_YET, earliest 2026-08-11",
            "MIN_PERIOD: holds",
            "general.drl:",
            "minOver = 2026-08-11");
    assertPack(
        browser.findElement(By.cssSelector("#explanation .repair-explanation h3")),
        "general@2026.04",
        general);

    // the timeline, until asOf + 3 years by default
    assertThat(browser.findElement(By.id("until")).getDomProperty("value")).isEqualTo("2029-08-10");
    browser.findElement(By.id("timeline-button")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("changes")));
    List<String> changes =
        browser.findElements(By.cssSelector("#changes tr.change")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(changes)
        .anySatisfy(
            c -> assertThat(c).startsWith("2026-08-11").contains("f1: NOT_YET", "-> ELIGIBLE"))
        .anySatisfy(c -> assertThat(c).startsWith("2027-05-11").contains("- GEN-S-05"));
    screenshot("workbench.png");

    // an invalid request: every error with its pointer, value and reason
    String invalid =
        Files.readString(ServeCommandTest.REQUESTS.resolve("gen-ex-01.json"))
            .replace("\"decidedOn\": \"2026-05-10\"", "\"decidedOn\": \"2026-02-30\"");
    request.clear();
    request.sendKeys(invalid);
    browser.findElement(By.id("decide")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#errors tr.error")));
    assertThat(text("errors"))
        .contains(
            "Invalid request",
            "/facts/0/decidedOn",
            "\"2026-02-30\"",
            "2026-02-30 is not a calendar date");
    assertThat(browser.findElements(By.cssSelector("#decision *"))).isEmpty();
    screenshot("invalid-request.png");

    // a broken change to the live directory: rejected, shown with its file and line
    Path drl = dir.resolve("general/2026.04/general.drl");
    Files.writeString(drl, Files.readString(drl) + "\nrule \"broken\" when then oops(; end\n");
    awaitRejected("general@2026.04");
    browser.navigate().refresh();
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    assertThat(text("generation")).contains("generation 1", "NOT healthy");
    assertThat(browser.findElements(By.cssSelector("#status tr.rejected")))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.getText()).contains("general@2026.04", "general.drl:"));
    screenshot("rejected-change.png");
  }

  private static String digest(JsonNode packs, String pack) {
    for (JsonNode p : packs.get("packs")) {
      if ((p.get("id").asText() + "@" + p.get("version").asText()).equals(pack)) {
        return p.get("digest").asText();
      }
    }
    throw new AssertionError(pack + " is not served");
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private WebElement line(String css) {
    return browser.findElement(By.cssSelector(css));
  }

  /** The pack version and digest shown on a line: given, or just present and well formed. */
  private static void assertPack(WebElement line, String pack, String digest) {
    WebElement cell = line.findElement(By.cssSelector(".pack"));
    if (pack != null) {
      assertThat(cell.getDomAttribute("data-pack")).isEqualTo(pack);
      assertThat(cell.getDomAttribute("data-digest")).isEqualTo(digest);
      assertThat(cell.getText()).startsWith(pack + " " + digest.substring(0, 19));
    } else {
      assertThat(cell.getDomAttribute("data-digest")).startsWith("sha256:");
    }
  }

  /** Sets a date input as a date picker does (its text entry depends on the browser's locale). */
  private void pick(String id, String date) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
                + " e.dispatchEvent(new Event('change'));",
            id,
            date);
  }

  private void awaitRejected(String pack) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode f :
          MAPPER.readTree(get(service, HttpService.PACKS).body()).at("/live/folders")) {
        if (f.get("pack").asText().equals(pack) && f.get("verdict").asText().equals("REJECTED")) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(pack + " was not rejected within " + WAIT);
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}

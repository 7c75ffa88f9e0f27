package io.odqa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.odqa.kg.GraphClient;
import io.odqa.kg.Neo4jSettings;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless Chromium (Debian's, driven through Debian's
 * chromedriver), on the real stack: ingest, qa-service, the feedback service and the console as
 * packaged processes on per-run topics, Kafka and Neo4j, and the demo corpus ingested into
 * {@value #COLLECTION}. Simulated users send feedback on the demo questions first; then, in the
 * browser, an operator logs in, asks a question and sees the answer span marked in its passage,
 * sends feedback and sees it counted, explains the answer, uploads a file and deletes that
 * document, opens an entity's graph and expands a node, starts a retune and opens the study's
 * plots, refreshes the reader, promotes the new version and rolls it back; then a viewer finds
 * every control that changes state disabled. Every page is photographed into {@code odqa.console.screenshots}
 * ({@code docs/console/} when run by the documented command).
 */
class ConsoleBrowserIT {
  private static final Path ROOT = Path.of(System.getProperty("odqa.root", ".."));
  private static final String COLLECTION = "console-demo";
  private static final String QUESTION = "Who created Lucene?";
  /** The uploaded document's id (the file name): first in id order, so on the first page. */
  private static final String UPLOADED = "0-console-upload.txt";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private WebDriver driver;
  private Path shots;

  @Test
  void anOperatorAsksExplainsBrowsesTunesAndRollsBackInTheConsole() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path dir = Files.createTempDirectory("odqa-console-it");
    shots = Path.of(System.getProperty("odqa.console.screenshots", "target/console-screenshots"));
    Files.createDirectories(shots);
    TestStack.deleteGraph(COLLECTION);
    Path encoder = TestStack.denseEncoder();
    ConsoleUsersCommand.write(dir.resolve("console"));
    Map<String, String> users = credentials(dir.resolve("console/credentials"));

    Map<String, String> env = TestStack.baseEnv(run, dir);
    Map<String, String> ingestEnv = TestStack.ingestEnv(env, run, encoder);
    Map<String, String> qaEnv = TestStack.qaEnv(env, encoder);
    try (ServiceProcess ingest = ServiceProcess.start("ingest", TestStack.jar("ingest"),
            ingestEnv, dir);
        ServiceProcess qa = ServiceProcess.start("qa-service", TestStack.jar("qa-service"),
            qaEnv, dir)) {
      TestStack.ingestDemo(ingest, COLLECTION);
      Map<String, String> fbEnv = new HashMap<>(env);
      fbEnv.put("ODQA_QA_URL", qa.url());
      fbEnv.put("ODQA_FEEDBACK_TOPIC", "odqa.feedback.console-" + run);
      fbEnv.put("ODQA_MODEL_REGISTRY", dir.resolve("registry").toString());
      fbEnv.put("ODQA_TRIGGER_RETUNE_EVERY", "0");
      fbEnv.put("ODQA_TRIGGER_REFRESH_EVERY", "0");
      fbEnv.put("ODQA_TRIGGER_GRAPH_REFRESH_EVERY", "0");
      fbEnv.put("ODQA_TRIGGER_ACCURACY_WINDOW", "0");
      fbEnv.put("ODQA_LOOP_HELD_OUT_FRACTION", "0.5");
      fbEnv.put("ODQA_GATE_MIN_QUESTIONS", "4");
      fbEnv.put("ODQA_LOOP_REFRESH_MIN_EXAMPLES", "4");
      fbEnv.put("ODQA_REFRESH_EPOCHS", "1");
      try (ServiceProcess feedback = ServiceProcess.start("feedback", TestStack.jar("feedback"),
          fbEnv, dir)) {
        int seeded = LoopEndToEndIT.simulateUsers(qa, feedback, COLLECTION);
        Map<String, String> consoleEnv = new HashMap<>(env);
        consoleEnv.put("ODQA_QA_URL", qa.url());
        consoleEnv.put("ODQA_INGEST_URL", ingest.url());
        consoleEnv.put("ODQA_FEEDBACK_URL", feedback.url());
        consoleEnv.put("QUARKUS_CONFIG_LOCATIONS",
            dir.resolve("console/users.properties").toString());
        try (ServiceProcess console = ServiceProcess.start("console", TestStack.jar("console"),
            consoleEnv, dir)) {
          driver = chromium(dir.resolve("chromium"));
          try {
            inTheBrowser(console.url(), users.get("operator"), users.get("viewer"), seeded, qa);
          } catch (Exception | AssertionError e) {
            shot("failure");
            Files.writeString(shots.resolve("failure.html"), driver.getPageSource());
            throw e;
          } finally {
            driver.quit();
          }
        }
      }
    } finally {
      TestStack.deleteGraph(COLLECTION);
    }
  }

  private void inTheBrowser(String url, String password, String viewerPassword, int seeded,
      ServiceProcess qa) throws Exception {
    // Not signed in: the login form.
    driver.get(url + "/");
    wait(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    shot("login");
    driver.findElement(By.id("login-user")).sendKeys("operator");
    driver.findElement(By.id("login-password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("who-user"),
        "operator"));

    // Ask: the answer's span is marked inside its passage.
    open(url, "ask?collection=" + COLLECTION);
    WebElement question = wait(30).until(ExpectedConditions.elementToBeClickable(
        By.id("question")));
    question.sendKeys(QUESTION);
    driver.findElement(By.id("ask")).click();
    WebElement span = wait(120).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".answer[data-rank='1'] mark.answer-span")));
    String answer = driver.findElement(By.cssSelector(".answer[data-rank='1'] .text")).getText();
    assertEquals(answer, span.getText(), "the marked span is the answer");
    assertTrue(answer.contains("Cutting"), "answer: " + answer);

    // Feedback from the page, then counted on the Feedback page.
    driver.findElement(By.cssSelector(".answer[data-rank='1'] .fb-correct")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".answer[data-rank='1'] .feedback-status"), "sent: correct"));
    shot("ask");
    open(url, "feedback?collection=" + COLLECTION);
    long deadline = System.currentTimeMillis() + 60_000;
    String total = "";
    while (System.currentTimeMillis() < deadline) {
      total = wait(30).until(ExpectedConditions.visibilityOfElementLocated(
          By.id("feedback-total"))).getText();
      if (total.equals(String.valueOf(seeded + 1))) {
        break;
      }
      Thread.sleep(1000);
      driver.findElement(By.id("feedback-refresh")).click();
    }
    assertEquals(String.valueOf(seeded + 1), total, "events counted on the Feedback page");
    wait(30).until(d -> !d.findElements(By.cssSelector(
        "#feedback-table tr[data-event] .badge")).isEmpty());
    shot("feedback");

    // Explain: retrieval scores, the reader's spans, fusion.
    open(url, "explain?collection=" + COLLECTION + "&q="
        + URLEncoder.encode(QUESTION, StandardCharsets.UTF_8).replace("+", "%20"));
    wait(120).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#retrieved tbody tr")));
    wait(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#spans mark.answer-span")));
    assertFalse(driver.findElements(By.cssSelector("#fusion tbody tr")).isEmpty());
    shot("explain");

    // Collections and jobs.
    open(url, "collections?collection=" + COLLECTION);
    wait(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#collections tr[data-collection='" + COLLECTION + "']")));
    wait(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
        "#ingest-jobs tbody tr")));
    shot("collections");

    // Upload a file into the collection, then delete that document from the page.
    Path upload = Files.createTempDirectory("odqa-upload").resolve(UPLOADED);
    Files.writeString(upload, "The console uploads files. Operators delete documents from it.");
    driver.findElement(By.id("upload-file")).sendKeys(upload.toString());
    new Select(driver.findElement(By.id("upload-format"))).selectByValue("text");
    driver.findElement(By.id("upload")).click();
    By uploadedRow = By.xpath("//table//tr[td/a[text()='" + UPLOADED + "']]");
    long until = System.currentTimeMillis() + 60_000;
    while (driver.findElements(uploadedRow).isEmpty() && System.currentTimeMillis() < until) {
      Thread.sleep(1000);
      open(url, "collections?collection=" + COLLECTION);
      wait(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("documents")));
    }
    driver.findElement(uploadedRow).findElement(By.cssSelector("button.delete-doc")).click();
    driver.switchTo().alert().accept();
    wait(30).until(ExpectedConditions.numberOfElementsToBe(uploadedRow, 0));

    // Knowledge graph: an entity's neighbourhood, then one neighbour expanded.
    open(url, "graph?collection=" + COLLECTION);
    wait(30).until(ExpectedConditions.elementToBeClickable(By.id("entity-query")))
        .sendKeys("Apache Lucene");
    driver.findElement(By.id("entity-search")).click();
    wait(30).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".entity-hit")))
        .click();
    wait(30).until(d -> nodes() > 1);
    int before = nodes();
    String neighbour = (String) js().executeScript(
        "const c = echarts.getInstanceByDom(document.getElementById('graph-view'));"
            + "const n = c.getOption().series[0].data.filter(x => !x.expanded)"
            + "  .sort((a, b) => b.symbolSize - a.symbolSize)[0];"
            + "return n ? n.id : null;");
    assertTrue(neighbour != null, "a node to expand");
    js().executeScript("document.getElementById('graph-view').expand(arguments[0]);", neighbour);
    wait(30).until(d -> (Boolean) js().executeScript(
        "const c = echarts.getInstanceByDom(document.getElementById('graph-view'));"
            + "return c.getOption().series[0].data.some(x => x.id === arguments[0] && x.expanded);",
        neighbour));
    wait(30).until(d -> nodes() > before); // the neighbour's own neighbours joined the view
    assertFalse(driver.findElements(By.cssSelector("#graph-details tbody tr")).isEmpty());
    Thread.sleep(3000); // the force layout settles
    shot("graph");

    // Tuning: start a retune from the page, wait for it, open the study's plots.
    open(url, "tuning");
    new Select(wait(30).until(ExpectedConditions.elementToBeClickable(
        By.id("retune-collection")))).selectByValue(COLLECTION);
    WebElement trials = driver.findElement(By.id("retune-trials"));
    trials.clear();
    trials.sendKeys("6");
    driver.findElement(By.id("start-retune")).click();
    wait(900).until(d -> ended(d.findElement(By.id("retune-status"))));
    assertEquals("succeeded", driver.findElement(By.id("retune-status"))
        .getAttribute("data-state"), driver.findElement(By.id("retune-status")).getText());
    open(url, "tuning");
    wait(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#studies-table a.study-link"))).click();
    wait(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#best-so-far canvas")));
    long points = (Long) js().executeScript(
        "return echarts.getInstanceByDom(document.getElementById('best-so-far'))"
            + ".getOption().series[1].data.length;");
    assertTrue(points >= 1, "best-so-far points: " + points);
    assertFalse(driver.findElements(By.cssSelector("#trials-table tbody tr")).isEmpty());
    assertFalse(driver.findElements(By.cssSelector("#decisions-table tbody tr")).isEmpty(),
        "the retune's gate decision is listed");
    shot("tuning");

    // Models: refresh the reader, promote the new version if the gate did not, roll it back.
    String shipped = LoopEndToEndIT.get(qa.url() + "/api/v1/champions")
        .path("model").path("version").asText();
    open(url, "models");
    new Select(wait(30).until(ExpectedConditions.elementToBeClickable(
        By.id("refresh-collection")))).selectByValue(COLLECTION);
    driver.findElement(By.id("start-refresh")).click();
    wait(900).until(d -> ended(d.findElement(By.id("refresh-status"))));
    assertEquals("succeeded", driver.findElement(By.id("refresh-status"))
        .getAttribute("data-state"), driver.findElement(By.id("refresh-status")).getText());
    String version = wait(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#models-table tr[data-version]"))).getAttribute("data-version");
    if (!version.equals(servedReader())) {
      driver.findElement(By.cssSelector("#models-table tr[data-version='" + version
          + "'] button.promote")).click();
      driver.switchTo().alert().accept();
      wait(60).until(d -> version.equals(servedReader()));
    }
    assertEquals(version, served(qa), "qa-service serves the promoted version");
    shot("models");
    wait(30).until(ExpectedConditions.elementToBeClickable(By.id("rollback-model"))).click();
    driver.switchTo().alert().accept();
    wait(60).until(d -> shipped.equals(servedReader()));
    assertEquals(shipped, served(qa), "qa-service serves the shipped reader again");
    assertNotEquals(version, shipped);

    // System: health of Kafka, Neo4j, the indexes and each service.
    open(url, "system");
    wait(60).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[data-service='qa-service'] .badge.status-UP")));
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("[data-service='qa-service']"), "heap_used_bytes"));
    for (String component : new String[] {"Kafka", "Neo4j", "Reader", "Indexes"}) {
      wait(30).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
          "[data-component='" + component + "'] .badge.status-UP")));
    }
    shot("system");

    // A viewer sees the same pages, with every control that changes state disabled.
    driver.findElement(By.id("logout")).click();
    wait(30).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    driver.findElement(By.id("login-user")).clear();
    driver.findElement(By.id("login-user")).sendKeys("viewer");
    driver.findElement(By.id("login-password")).clear();
    driver.findElement(By.id("login-password")).sendKeys(viewerPassword);
    driver.findElement(By.id("login-submit")).click();
    wait(30).until(ExpectedConditions.textToBePresentInElementLocated(By.id("who-user"),
        "viewer"));
    open(url, "models");
    wait(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#models-table tr[data-version]")));
    for (String control : new String[] {"#start-refresh", "#rollback-model", "button.promote"}) {
      assertFalse(driver.findElement(By.cssSelector(control)).isEnabled(), control);
    }
    open(url, "tuning");
    assertFalse(wait(30).until(ExpectedConditions.visibilityOfElementLocated(
        By.id("start-retune"))).isEnabled());
  }

  /** Whether the job a status element follows has ended. */
  private static boolean ended(WebElement status) {
    String state = status.getAttribute("data-state");
    return "succeeded".equals(state) || "failed".equals(state);
  }

  private static String served(ServiceProcess qa) throws IOException, InterruptedException {
    return LoopEndToEndIT.get(qa.url() + "/api/v1/champions").path("model").path("version")
        .asText();
  }

  private String servedReader() {
    List<WebElement> v = driver.findElements(By.cssSelector("#served-model .served-version"));
    return v.isEmpty() ? null : v.get(0).getText();
  }

  private int nodes() {
    String n = driver.findElement(By.id("graph-view")).getAttribute("data-nodes");
    return n == null ? 0 : Integer.parseInt(n);
  }

  private void open(String url, String page) {
    driver.get(url + "/#/" + page);
    driver.navigate().refresh(); // a new hash alone keeps the old page's state
  }

  private WebDriverWait wait(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds));
  }

  private JavascriptExecutor js() {
    return (JavascriptExecutor) driver;
  }

  private void shot(String name) throws IOException, InterruptedException {
    Thread.sleep(800); // charts animate in
    Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, shots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Debian's chromium, headless, with the flags this machine's closed network needs. */
  private static WebDriver chromium(Path profile) throws IOException {
    Path binary = Path.of(System.getenv().getOrDefault("ODQA_CHROMIUM", "/usr/bin/chromium"));
    assertTrue(Files.isExecutable(binary) && Files.isExecutable(
            Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"))),
        "the browser tests need Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver)");
    System.setProperty("webdriver.chrome.driver",
        System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    Files.createDirectories(profile);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1440,1000");
    return new ChromeDriver(options);
  }

  private static Map<String, String> credentials(Path file) throws IOException {
    Map<String, String> out = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] parts = line.trim().split(" ", 2);
      if (parts.length == 2) {
        out.put(parts[0], parts[1]);
      }
    }
    return out;
  }
}

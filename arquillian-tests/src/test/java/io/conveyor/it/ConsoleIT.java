package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

/**
 * The web console in a real browser: Debian's headless Chromium, driven by Selenium through {@code /usr/bin/chromedriver}
 * (given explicitly, so Selenium Manager downloads nothing), against the test server. The browser signs in with the
 * credentials in the URL ({@code http://user:password@host/conveyor/}), which Chromium keeps for the origin and sends
 * with the console's own calls to {@code /api}. Screenshots of each page go to {@code target/console-screenshots}.
 */
@RunAsClient
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private WebDriver browser;

    @ArquillianResource
    ManagementClient management;

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(ConsoleIT.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @DisplayName("an administrator creates a port through the form (a filter error shown at the field, with its position), sees its backlog on the overview, releases it by editing the port, opens a failing port's suspended message (error, attempt, body), resumes it and finds its history on the tracking page")
    void administratorTour() throws Exception {
        Path directory = Files.createDirectories(Path.of(System.getProperty("conveyor.test.files"), "console-" + run));
        open(TestUser.ADMIN, "#/overview");
        screenshot("overview-empty");

        // a port through the form: first with a filter the API refuses, shown at the filter field
        String port = "console-" + run;
        navigate("#/ports");
        click(By.id("new-port"));
        type(By.id("field-name"), port);
        type(By.id("field-filter"), "Customer = ");
        new Select(browser.findElement(By.id("field-primaryTransport-adapter"))).selectByValue("FILE");
        type(By.id("field-primaryTransport-address"), "file://" + directory + "/%MessageID%.xml");
        // a service window that is closed now, so that the message waits in the backlog (set as the time inputs'
        // values: typing into them depends on the browser's locale)
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        DateTimeFormatter hours = DateTimeFormatter.ofPattern("HH:mm");
        setValue(By.id("field-primaryTransport-serviceWindow-from"), now.plusHours(2).format(hours));
        setValue(By.id("field-primaryTransport-serviceWindow-to"), now.plusHours(3).format(hours));
        type(By.id("field-primaryTransport-serviceWindow-timeZone"), "UTC");
        click(By.id("save-port"));
        WebElement filterError = until(ExpectedConditions.visibilityOfElementLocated(By.id("field-filter-error")));
        until(driver -> !filterError.getText().isEmpty());
        assertThat(filterError.getText()).containsPattern("at position \\d+");
        assertThat(browser.findElement(By.id("field-filter")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("field-filter");
        screenshot("ports-filter-error");

        WebElement filter = browser.findElement(By.id("field-filter"));
        filter.clear();
        filter.sendKeys("Customer = '" + run + "'");
        click(By.id("save-port"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("ports-status"), "Created the send port " + port));
        until(ExpectedConditions.visibilityOfElementLocated(cell("ports-table", "name", port)));
        screenshot("ports");

        // published through REST, held by the closed window: the overview shows it in the backlog
        String messageId = publish(run, "<order>console</order>").getString("messageId");
        navigate("#/overview");
        until(ExpectedConditions.textToBe(cellOfRow("backlog", port, "READY"), "1"));
        screenshot("overview-backlog");

        // the window removed through the edit form: delivered at once, and gone from the backlog
        navigate("#/ports");
        click(By.cssSelector("button[aria-label='Edit " + port + "']"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("port-form-heading"), "Edit send port " + port));
        setValue(By.id("field-primaryTransport-serviceWindow-from"), "");
        setValue(By.id("field-primaryTransport-serviceWindow-to"), "");
        browser.findElement(By.id("field-primaryTransport-serviceWindow-timeZone")).clear();
        click(By.id("save-port"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("ports-status"), "Saved the send port " + port));
        Path delivered = directory.resolve(messageId + ".xml");
        InContainerSupport.eventually().until(() -> Files.exists(delivered));
        navigate("#/overview");
        until(ExpectedConditions.invisibilityOfElementLocated(cell("backlog", "port", port)));
        // the delivery in the chart of deliveries per minute, whose caption is its text alternative
        until(ExpectedConditions.textMatches(By.id("deliveries-caption"), Pattern.compile(": [1-9]\\d* delivered")));
        assertThat(browser.findElements(By.cssSelector("#deliveries-chart canvas"))).isNotEmpty();
        screenshot("overview-chart");

        // a failing port: its message is suspended, found in the suspended queue and resumed from the console
        String failing = "console-failing-" + run;
        Path blocked = directory.resolve("blocked.xml");
        Files.writeString(blocked, "in the way", StandardCharsets.UTF_8);
        createPort(failing, "Customer = 'fail-" + run + "'", "file://" + blocked, 0);
        JsonObject receipt = publish("fail-" + run, "<order>resumed</order>");
        String workItem = receipt.getJsonArray("routedTo").getJsonObject(0).getString("workItemId");
        navigate("#/overview");
        until(ExpectedConditions.visibilityOfElementLocated(cell("suspended-groups", "port", failing)));
        screenshot("overview-suspended");

        navigate("#/suspended");
        type(By.id("field-port"), failing);
        click(By.id("query-suspended"));
        WebElement select = until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[aria-label='Select work item " + workItem + "']")));
        assertThat(browser.findElement(cellOfRow("suspended-table", workItem, "errorText")).getText())
                .contains("FileAlreadyExistsException");
        screenshot("suspended");

        // opened from the queue: its error, its failed attempt, its body's preview
        String failingMessage = receipt.getString("messageId");
        click(By.linkText(workItem));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("work-item-error"), "FileAlreadyExistsException"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("body-preview"), "<order>resumed</order>"));
        until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#attempts li.failure[data-event='ATTEMPTED']")));
        assertThat(browser.findElement(By.id("download-body")).getAttribute("href"))
                .endsWith("/api/messages/" + failingMessage + "/body");
        assertThat(browser.findElement(By.id("context-table")).getText()).contains("Customer").contains("fail-" + run);
        screenshot("suspended-instance");

        navigate("#/suspended");
        type(By.id("field-port"), failing);
        click(By.id("query-suspended"));
        select = until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[aria-label='Select work item " + workItem + "']")));
        Files.delete(blocked);
        select.click();
        click(By.id("resume-selected"));
        until(ExpectedConditions.alertIsPresent()).accept();
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("suspended-status"), "Resumed 1 of 1."));
        InContainerSupport.eventually().until(() -> Files.exists(blocked)
                && Files.readString(blocked).equals("<order>resumed</order>"));

        // its history, found on the tracking page: suspended, resumed, delivered, in that order
        InContainerSupport.eventually().until(() -> HTTP.send(TestUser.ADMIN.sign(HttpRequest.newBuilder(
                management.getWebUri().resolve("/api/messages/" + failingMessage + "/history"))).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("\"DELIVERED\""));
        navigate("#/tracking");
        type(By.id("field-messageId"), failingMessage);
        click(By.id("query-tracking"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("tracking-status"), "event(s) found"));
        until(ExpectedConditions.visibilityOfElementLocated(cell("tracking-table", "event", "DELIVERED")));
        screenshot("tracking");
        click(By.xpath("(//div[@id='tracking-table']//a[normalize-space()='" + failingMessage + "'])[1]"));
        until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#history li[data-event='DELIVERED']")));
        assertThat(browser.findElements(By.cssSelector("#history li")).stream().map(event -> event.getAttribute("data-event"))
                .filter(event -> event.equals("SUSPENDED") || event.equals("RESUMED") || event.equals("DELIVERED")))
                .containsExactly("SUSPENDED", "RESUMED", "DELIVERED");
        assertThat(browser.findElement(By.cssSelector("#history li[data-event='SUSPENDED']")).getAttribute("class"))
                .contains("failure");
        screenshot("history");

        navigate("#/adapters");
        until(ExpectedConditions.visibilityOfElementLocated(cell("adapters-table", "transportType", "FILE")));
        screenshot("adapters");
        navigate("#/bindings");
        until(ExpectedConditions.visibilityOfElementLocated(By.id("import-form")));
        screenshot("bindings");

        // an import previewed first: the port of this tour replaced (its priority), nothing written before confirming
        Path bindings = directory.resolve("conveyor-bindings.json");
        Files.writeString(bindings, "{\"conveyorBindings\":1,\"sendPorts\":[{\"name\":\"" + port
                + "\",\"filter\":\"Customer = '" + run + "'\",\"priority\":3,\"primaryTransport\":{\"adapter\":\"FILE\","
                + "\"address\":\"file://" + directory + "/%MessageID%.xml\"}}]}", StandardCharsets.UTF_8);
        browser.findElement(By.id("field-bindings-file")).sendKeys(bindings.toString());
        click(By.id("preview-import"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-updated"), "Replaced (1)"));
        assertThat(browser.findElement(By.id("import-preview")).getText()).contains(port).contains("priority: 5 → 3");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("preview-heading");
        screenshot("bindings-preview");
        click(By.id("confirm-import"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("bindings-status"), "replaced " + port));
    }

    @Test
    @DisplayName("a publisher publishes through the Publish page to a FILE port (a bad property name shown at its field, the receipt linking to the Tracking page), and each adapter links to its resource adapter in WildFly's console")
    void publisherPublishes() throws Exception {
        Path directory = Files.createDirectories(Path.of(System.getProperty("conveyor.test.files"), "console-publish-" + run));
        String port = "console-publish-" + run;
        createPort(port, "Customer = 'publish-" + run + "' AND Amount > 100", "file://" + directory + "/%MessageID%.xml", 0);

        open(TestUser.ALL, "#/publish");
        until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-publish")));
        type(By.id("field-body"), "<order>published in the console</order>");
        // the page starts with the tour's properties Customer (a string) and Amount (a number, 120)
        type(By.id("field-property-1-name"), "1Customer");
        type(By.id("field-property-1-value"), "publish-" + run);
        click(By.id("publish"));
        WebElement nameError = until(ExpectedConditions.visibilityOfElementLocated(By.id("field-property-1-name-error")));
        until(driver -> !nameError.getText().isEmpty());
        assertThat(nameError.getText()).contains("a property name is letters");
        assertThat(browser.findElement(By.id("field-property-1-name")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("field-property-1-name");
        assertThat(browser.findElement(By.id("publish-status")).getText()).contains("properties.1Customer");
        screenshot("publish-error");

        type(By.id("field-property-1-name"), "Customer");
        click(By.id("publish"));
        String messageId = until(ExpectedConditions.visibilityOfElementLocated(By.id("receipt-message-id"))).getText();
        assertThat(browser.findElement(By.id("receipt-routes")).getText()).contains(port + ": work item");
        assertThat(browser.findElement(By.id("tracking-link")).getAttribute("href"))
                .endsWith("/conveyor/#/tracking?messageId=" + messageId);
        assertThat(browser.findElement(By.id("field-property-1-name")).getAttribute("aria-invalid")).isNull();
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)"); // the whole form beside its receipt
        screenshot("publish");
        Path delivered = directory.resolve(messageId + ".xml");
        InContainerSupport.eventually().until(() -> Files.exists(delivered)
                && Files.readString(delivered).equals("<order>published in the console</order>"));

        navigate("#/adapters");
        WebElement link = until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#adapters-table a[data-resource-adapter='conveyor-file']")));
        assertThat(link.getAttribute("href")).isEqualTo("http://" + management.getWebUri().getHost() + ":"
                + management.getMgmtPort() + "/console/index.html#resource-adapter;name=conveyor-file");
    }

    @Test
    @DisplayName("a viewer sees the suspended queue and a suspended work item without resume or terminate buttons nor its body, and no Publish page, and the API refuses the browser's resume with 403")
    void viewerCannotResume() throws Exception {
        Path directory = Files.createDirectories(Path.of(System.getProperty("conveyor.test.files"), "console-viewer-" + run));
        Path blocked = directory.resolve("blocked.xml");
        Files.writeString(blocked, "in the way", StandardCharsets.UTF_8);
        String failing = "console-viewer-" + run;
        createPort(failing, "Customer = 'viewer-" + run + "'", "file://" + blocked, 0);
        String workItem = publish("viewer-" + run, "<order/>").getJsonArray("routedTo").getJsonObject(0).getString("workItemId");
        InContainerSupport.eventually().until(() -> HTTP.send(TestUser.ADMIN.sign(HttpRequest.newBuilder(
                management.getWebUri().resolve("/api/suspended?port=" + failing))).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("\"" + workItem + "\""));

        open(TestUser.VIEWER, "#/suspended");
        type(By.id("field-port"), failing);
        click(By.id("query-suspended"));
        until(ExpectedConditions.visibilityOfElementLocated(cell("suspended-table", "id", workItem)));
        screenshot("suspended-viewer");
        assertThat(browser.findElements(By.id("resume-selected"))).isEmpty();
        assertThat(browser.findElements(By.id("terminate-selected"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#suspended-table input[type='checkbox']"))).isEmpty();
        click(By.linkText(workItem));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("work-item-error"), "FileAlreadyExistsException"));
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("body-note"), "operators and administrators only"));
        assertThat(browser.findElements(By.id("resume-work-item"))).isEmpty();
        assertThat(browser.findElements(By.id("terminate-work-item"))).isEmpty();
        assertThat(browser.findElements(By.id("body-preview"))).isEmpty();
        screenshot("suspended-instance-viewer");
        navigate("#/ports");
        until(ExpectedConditions.visibilityOfElementLocated(cell("ports-table", "name", failing)));
        assertThat(browser.findElements(By.id("new-port"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#ports-table button"))).isEmpty();
        assertThat(browser.findElement(By.id("nav-publish")).isDisplayed()).isFalse();
        navigate("#/publish");
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Publishing needs the role conveyor-publisher."));
        assertThat(browser.findElements(By.id("publish-form"))).isEmpty();

        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(new URL('/api/suspended/resume', location.origin), {method: 'POST', headers: {'Content-Type': 'application/json'},
                    body: JSON.stringify({ids: [arguments[0]]})}).then(r => done(r.status), e => done(String(e)));
                """, workItem);
        assertThat(status).isEqualTo(403L);
    }

    /** A fresh headless Chromium signed in as {@code user} by the URL's credentials, at the console's page {@code page}. */
    private void open(TestUser user, String page) {
        assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver (./conveyor test installs it as root)").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--window-size=1280,800", "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(PATIENCE);
        URI web = management.getWebUri();
        browser.get("http://" + user.name + ":" + user.password + "@" + web.getHost() + ":" + web.getPort() + "/conveyor/" + page);
        until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), user.name));
    }

    private void navigate(String page) {
        ((JavascriptExecutor) browser).executeScript("location.hash = arguments[0]", page);
        until(ExpectedConditions.attributeToBe(By.cssSelector("header nav a[href='" + page + "']"), "aria-current", "page"));
    }

    private <T> T until(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).until(condition);
    }

    private void click(By locator) {
        until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private void type(By locator, String text) {
        WebElement input = until(ExpectedConditions.visibilityOfElementLocated(locator));
        input.clear();
        input.sendKeys(text);
    }

    private void setValue(By locator, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                until(ExpectedConditions.presenceOfElementLocated(locator)), value);
    }

    /** A cell of the Tabulator table in {@code tableId} whose column {@code field} shows {@code text}. */
    private static By cell(String tableId, String field, String text) {
        return By.xpath("//div[@id='" + tableId + "']//div[@tabulator-field='" + field + "' and normalize-space()='" + text + "']");
    }

    /** The cell in column {@code field} of the row whose first data column shows {@code key}. */
    private static By cellOfRow(String tableId, String key, String field) {
        return By.xpath("//div[@id='" + tableId + "']//div[contains(@class,'tabulator-row')][.//div[normalize-space()='"
                + key + "']]//div[@tabulator-field='" + field + "']");
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void createPort(String name, String filter, String address, int retryCount) throws Exception {
        HttpResponse<String> created = HTTP.send(TestUser.ADMIN.sign(HttpRequest.newBuilder(management.getWebUri()
                .resolve("/api/ports"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"filter\":\"" + filter
                        + "\",\"primaryTransport\":{\"adapter\":\"FILE\",\"address\":\"" + address + "\",\"retryCount\":"
                        + retryCount + "}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private JsonObject publish(String customer, String body) throws Exception {
        HttpResponse<String> published = HTTP.send(TestUser.PUBLISHER.sign(HttpRequest.newBuilder(management.getWebUri()
                .resolve("/api/messages"))).header("Content-Type", "application/xml")
                .header("Conveyor-Properties", "{\"Customer\":\"" + customer + "\"}")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        return Json.createReader(new StringReader(published.body())).readObject();
    }
}

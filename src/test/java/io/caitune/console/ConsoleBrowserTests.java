package io.caitune.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caitune.testing.InjectModelStub;
import io.caitune.testing.ModelStub;
import io.caitune.testing.ModelStubResource;
import io.caitune.training.TinyGpt2;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.caitune.testing.ModelStub.chat;
import static io.caitune.testing.ModelStub.completion;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real browser against the running service and the stub model: upload a constitution and prompts,
 * start a run, watch it reach 100 %, review samples (an edit, a rejection), export, and watch a tiny training job's
 * loss curve. A screenshot of every page goes to target/console-screenshots. Skipped only where chromium and its
 * driver are not installed (.ci/run installs them).
 */
@QuarkusTest
@WithTestResource(ModelStubResource.class)
class ConsoleBrowserTests {

    static final String EDIT = "A revision a person wrote";
    private static final Path WORK = Path.of("target/test-data/console-test");
    private static final String FEEDBACK = "Consider the following conversation between a human (H) and an assistant (A):";

    static Browser browser;

    @InjectModelStub
    ModelStub model;

    @TestHTTPResource("/console/index.html")
    URL console;

    @BeforeAll
    static void startBrowser() throws Exception {
        var binaries = Browser.installed();
        assumeTrue(binaries.isPresent(), "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        browser = Browser.start(binaries.get(), System.getProperty("console.test.user", "admin"),
                System.getProperty("console.test.password", "admin"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void stubModel() {
        model.reset();
        // the feedback model prefers the revision in either order, so an evaluation has decisive wins
        model.server().stubFor(chat().atPriority(2).withRequestBody(containing(FEEDBACK))
                .withRequestBody(containing("(A) [[[Revised answer")).willReturn(completion("The better answer is (A)")));
        model.server().stubFor(chat().atPriority(3).withRequestBody(containing(FEEDBACK))
                .willReturn(completion("The better answer is (B)")));
    }

    @Test
    void shouldRunReviewExportAndPlotThroughTheConsole() throws Exception {
        Files.createDirectories(WORK);
        Path constitution = Files.writeString(WORK.resolve("principles.json"), """
                {"critique_revision_principles": [
                  {"critique": "Identify ways the answer is harmful.", "revision": "Rewrite it to remove harm."},
                  {"critique": "Point out anything dishonest.", "revision": "Rewrite it to be honest."}],
                 "comparison_principles": ["Which response is less harmful?"]}
                """);
        Path prompts = Files.writeString(WORK.resolve("prompts.csv"),
                "id,question,topic\nq1,How do I bake bread?,food\nq2,Why is the sky blue?,science\nq3,What is a prime number?,math\n");

        // new run: constitution and prompts uploaded, column choice and first prompts shown before starting
        open("#/new");
        find("#constitution-file").sendKeys(constitution.toAbsolutePath().toString());
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("principles"), "2 principles"));
        find("#prompt-column").sendKeys("question");
        find("#prompts-file").sendKeys(prompts.toAbsolutePath().toString());
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("columns"), "question (prompt)"));
        assertThat(find("#columns").getText()).contains("id (id)").contains("topic");
        assertThat(texts("#first-prompts tbody tr")).hasSize(3).first().asString().contains("How do I bake bread?");
        find("input[name=seed]").sendKeys("7");
        shot("new-run");
        find("#start").click();
        browser.waiting().until(d -> d.getCurrentUrl().matches(".*#/runs/[0-9a-f-]{36}$"));
        String runId = browser.driver.getCurrentUrl().replaceAll(".*#/runs/", "");

        // run detail: the progress reaches 100 % through the event stream
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#run-progress [data-field=percent]"), "100 %"));
        browser.waiting().until(d -> texts("#samples tbody tr").size() == 3
                && texts("#samples tbody [data-status]").stream().allMatch("COMPLETED"::equals));
        shot("run-detail");

        open("#/runs");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-run='" + runId + "'] [data-field=percent]"), "100 %"));
        shot("runs");

        // review: edit the first sample's revision, next sample with 'j', reject it with 'r'
        open("#/runs/" + runId);
        browser.waiting().until(d -> texts("#samples tbody tr").size() == 3);
        find("#samples tr[data-index='0']").click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("diff")));
        assertThat(find("#prompt").getText()).isEqualTo("How do I bake bread?");
        assertThat(browser.driver.findElements(By.cssSelector(".round"))).hasSize(1);
        key("e");
        WebElement editor = find("#editor");
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys(EDIT);
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-state"), "EDITED"));
        assertThat(find("#reviewer").getText()).startsWith("by ");
        assertThat(find("#diff ins").getText()).isNotBlank();
        shot("review");
        key("j");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("prompt"), "Why is the sky blue?"));
        key("r");
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-state"), "REJECTED"));

        // the SFT export the run page links to has the edit and not the rejected sample
        open("#/runs/" + runId + "?review=rejected");
        browser.waiting().until(d -> texts("#samples tbody tr").size() == 1);
        new Select(find("#export-format")).selectByValue("sft-jsonl");
        String href = find("#export").getAttribute("href");
        assertThat(href).endsWith("format=sft-jsonl&review=not-rejected");
        List<String> lines = given().get(href).then().statusCode(200).extract().asString().lines().toList();
        ObjectMapper json = new ObjectMapper();
        List<String> exportedPrompts = new ArrayList<>();
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            exportedPrompts.add(row.at("/messages/0/content").asText());
            if (row.get("prompt_id").asText().equals("q1")) {
                assertThat(row.at("/messages/1/content").asText()).isEqualTo(EDIT);
            }
        }
        assertThat(exportedPrompts).containsExactly("How do I bake bread?", "What is a prime number?");

        // evaluation: win rate per principle with its Wilson interval drawn
        open("#/runs/" + runId + "/evaluations");
        find("#new-evaluation button[type=submit]").click();
        browser.waiting().until(d -> !texts(".evaluation [data-status='COMPLETED']").isEmpty());
        assertThat(chartPoints(".evaluation canvas", 1)).isPositive();
        shot("evaluations");

        // preference run: two different answers, comparisons with both orders and the agreement rate
        for (int index = 0; index < 2; index++) {
            model.server().stubFor(chat().atPriority(1).withRequestBody(containing("Name a fruit"))
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.seed",
                            com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(
                                    io.caitune.preference.AnswerSeeds.seed(3, 0, index)))))
                    .willReturn(completion(index == 0 ? "Revised answer: a pear" : "An apple")));
        }
        String preferenceRun = given().contentType(ContentType.JSON).body(Map.of("constitutionId",
                given().get("/api/runs/" + runId).then().extract().path("constitutionId"), "prompts",
                List.of("Name a fruit"), "mode", "preference", "seed", 3, "revisions", 1)).post("/api/runs").then().statusCode(202)
                .extract().path("id");
        io.caitune.testing.Api.awaitRun(preferenceRun);
        open("#/runs/" + preferenceRun + "/comparisons");
        browser.waiting().until(d -> !texts(".comparison").isEmpty());
        assertThat(browser.driver.findElements(By.cssSelector(".comparison .verdict"))).hasSize(2);
        assertThat(find("#agreement-rate").getText()).isNotBlank();
        shot("comparisons");

        // training: a tiny model tuned on the run's reviewed samples, its loss curve drawn live
        Path tiny = TinyGpt2.write(WORK.resolve("tiny-" + UUID.randomUUID()), 5);
        given().contentType(ContentType.JSON).body(Map.of("name", "tiny", "path", tiny.toString()))
                .post("/api/models").then().statusCode(201);
        open("#/training");
        new Select(find("select[name=source]")).selectByValue("run:" + runId);
        find("input[name=epochs]").sendKeys("3");
        find("input[name=batchSize]").sendKeys("1");
        find("input[name=maxLength]").sendKeys("24");
        shot("training");
        find("#new-job button[type=submit]").click();
        browser.waiting().until(d -> d.getCurrentUrl().matches(".*#/training/[0-9a-f-]{36}$"));
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("h1 [data-status='COMPLETED']")));
        browser.waiting().until(d -> "6".equals(find("#loss-chart").getAttribute("data-points")));
        assertThat(chartPoints("#loss-chart", 0)).isEqualTo(6); // 2 not-rejected samples, batch 1, 3 epochs
        // the playground offers the tuned model once the job registered it
        browser.waiting().until(d -> !texts("#playground select[name=model] option:checked").isEmpty()
                && texts("#playground select[name=model] option:checked").get(0).contains("(tuned)"));
        find("#playground button[type=submit]").click();
        browser.waiting().until(d -> !texts("#generated li").isEmpty());
        shot("loss-curve");
    }

    private int loads;

    private void open(String hash) {
        // a new query string makes it a new document, so data-ready is that page's
        browser.driver.get(console + "?load=" + (++loads) + hash);
        browser.waiting().until(d -> "true".equals(find("#app").getAttribute("data-ready")));
    }

    private void shot(String page) throws Exception {
        assertThat(browser.errors()).as("uncaught errors on the %s page", page).isEmpty();
        browser.screenshot(page);
    }

    private void key(String key) {
        new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(key).perform();
    }

    private WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private List<String> texts(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** Points Chart.js placed inside the chart area for a dataset: finite pixel positions, i.e. drawn. */
    private long chartPoints(String canvas, int dataset) {
        Object count = browser.driver.executeScript("""
                const chart = Chart.getChart(document.querySelector(arguments[0]));
                const area = chart.chartArea;
                return chart.getDatasetMeta(arguments[1]).data.filter(p => Number.isFinite(p.x) && Number.isFinite(p.y)
                    && p.y >= area.top - 1 && p.y <= area.bottom + 1).length;
                """, canvas, dataset);
        return ((Number) count).longValue();
    }
}

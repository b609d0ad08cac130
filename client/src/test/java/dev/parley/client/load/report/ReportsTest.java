package dev.parley.client.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.load.engine.Engine;
import dev.parley.client.load.engine.Metrics;
import dev.parley.client.load.engine.Op;
import dev.parley.client.load.engine.RunResult;
import dev.parley.client.load.engine.Scenario;
import dev.parley.client.load.engine.Timer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ReportsTest {

    private static final ScheduledExecutorService SERVER = Executors.newSingleThreadScheduledExecutor();
    private static RunResult result;

    @BeforeAll
    static void run() throws Exception {
        Scenario scenario = new Scenario() {
            Timer op;
            Timer stage;

            @Override
            public String name() {
                return "fake";
            }

            @Override
            public void setUp(Metrics metrics) {
                op = metrics.timer("fake");
                stage = metrics.timer("fake.stage");
            }

            @Override
            public void start(Op o) {
                SERVER.schedule(() -> {
                    stage.record(System.nanoTime() - o.intendedNanos());
                    if (o.sequence() % 100 == 7) {
                        o.failed(op, "HTTP 503 <busy>");
                    } else {
                        o.succeeded(op);
                    }
                }, 1 + o.sequence() % 3, TimeUnit.MILLISECONDS);
            }

            @Override
            public Map<String, Object> details() {
                return Map.of("pairs", 3);
            }
        };
        Metrics metrics = new Metrics();
        scenario.setUp(metrics);
        result = new Engine(new Engine.Settings(Engine.Model.OPEN, 400, 1, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ZERO, 1000, Duration.ofSeconds(1), false), null, false)
                .run(scenario, metrics);
    }

    @AfterAll
    static void stop() {
        SERVER.shutdownNow();
    }

    @Test
    void theJsonReportParsesAndHasTheCounts(@TempDir Path dir) throws Exception {
        Reports.write(result, dir);
        JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve(Reports.JSON)));
        assertThat(json.get("scenario").asString()).isEqualTo("fake");
        assertThat(json.get("settings").get("model").asString()).isEqualTo("open");
        JsonNode timer = json.get("timers").get(0);
        assertThat(timer.get("name").asString()).isEqualTo("fake");
        long count = timer.get("count").asLong();
        assertThat(count).isEqualTo(result.timer("fake").count()).isGreaterThan(500);
        assertThat(json.get("totals").get("operations").asLong()).isEqualTo(count);
        assertThat(json.get("totals").get("errors").asLong()).isEqualTo(result.errors()).isPositive();
        assertThat(timer.get("errorReasons").get("HTTP 503 <busy>").asLong()).isPositive();
        assertThat(timer.get("latencyMs").get("p99").asDouble()).isGreaterThanOrEqualTo(timer.get("latencyMs").get("p50").asDouble());
        assertThat(timer.get("timeline").size()).isGreaterThanOrEqualTo(3);
        assertThat(timer.get("distribution").size()).isGreaterThan(5);
        JsonNode last = timer.get("distribution").get(timer.get("distribution").size() - 1);
        assertThat(last.get("percentile").asDouble()).isEqualTo(100.0);
        assertThat(json.get("timers").get(1).get("name").asString()).isEqualTo("fake.stage");
        assertThat(json.get("details").get("pairs").asInt()).isEqualTo(3);
        assertThat(json.get("generator").get("cpuSeconds").asDouble()).isPositive();
    }

    @Test
    void theHtmlReportIsOneSelfContainedPageWithTwoKindsOfChart(@TempDir Path dir) throws Exception {
        Reports.write(result, dir);
        String html = Files.readString(dir.resolve(Reports.HTML));
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).contains("Latency over time", "Latency by percentile", "Throughput");
        assertThat(html.split("<svg ", -1)).hasSize(4);
        assertThat(html).doesNotContain("<script", "http-equiv", "<link", "src=\"http");
        assertThat(html).contains("HTTP 503 &lt;busy&gt;");
        // Well-formed enough for an XML parser where it matters: the charts.
        for (String part : html.split("<svg ")) {
            if (part.contains("</svg>")) {
                String svg = "<svg " + part.substring(0, part.indexOf("</svg>") + 6);
                javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void thePngHasTheThreeCharts(@TempDir Path dir) throws Exception {
        Reports.write(result, dir);
        BufferedImage png = ImageIO.read(dir.resolve(Reports.PNG).toFile());
        assertThat(png.getWidth()).isEqualTo(PngChart.WIDTH);
        assertThat(png.getHeight()).isEqualTo(3 * PngChart.CHART_HEIGHT);
        // Not blank: some pixels are neither white nor grid grey.
        int coloured = 0;
        for (int y = 0; y < png.getHeight(); y += 2) {
            for (int x = 0; x < png.getWidth(); x += 2) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    coloured++;
                }
            }
        }
        assertThat(coloured).isGreaterThan(200);
    }

    @Test
    void theSummaryTableNamesEveryTimer() {
        String summary = Reports.summary(result);
        assertThat(summary).contains("scenario fake, open model at 400/s", "fake.stage", "p99 ms", "µs per operation",
                "fake error: HTTP 503 <busy>");
    }

    @Test
    void rampUpIntervalsAreOnlyInTheTimeline() {
        Timer timer = result.timer("fake");
        long inTimeline = timer.timeline().stream().mapToLong(Timer.Point::ok).sum();
        assertThat(inTimeline).isEqualTo(timer.allCount()).isGreaterThan(timer.count());
    }
}

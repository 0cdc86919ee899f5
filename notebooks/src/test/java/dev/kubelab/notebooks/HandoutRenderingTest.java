package dev.kubelab.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What learners see: an executed handout (HTML written by scripts/handouts.py with nbconvert, see {@link Handouts})
 * rendered by Debian's headless Chromium, and every diagram the notebook drew (%components, %%trace: SVG outputs) is
 * on the page, laid out with a non-zero size, drawn (shapes and labels in the DOM, not covered by anything at its
 * centre) and visibly painted (its region of the screenshot is not blank). Screenshots are kept under
 * notebooks/target/handouts/screenshots/ for a look. Without Chromium the test is skipped, saying so.
 */
class HandoutRenderingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int WIDTH = 1280;
    static final Path SCREENSHOTS = Handouts.OUT.resolve("screenshots");

    /** Top-level SVGs inside output areas, with what the checks need; the page is scrolled to the one asked for. */
    static final String SVG_STATE = String.join("\n",
            "(() => {",
            "  const svgs = [...document.querySelectorAll('.jp-OutputArea svg')].filter(s => !s.parentElement.closest('svg'));",
            "  const s = svgs[%d];",
            "  if (!s) return {count: svgs.length};",
            "  s.scrollIntoView({block: 'start'});",
            "  const r = s.getBoundingClientRect(), cs = getComputedStyle(s);",
            "  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height, innerHeight) / 2);",
            "  return {count: svgs.length, x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height,",
            "    shapes: s.querySelectorAll('rect,path,line,polyline,polygon,circle,ellipse').length,",
            "    labels: [...s.querySelectorAll('text')].map(t => t.textContent),",
            "    overflowing: [...s.querySelectorAll('g[data-name^=\"lane:\"]')].filter(g => { const box = g.querySelector('rect');",
            "      return box && [...g.querySelectorAll('text')].some(t => t.getBBox().width > box.getBBox().width); })",
            "      .map(g => g.getAttribute('data-name')),",
            "    shown: cs.display !== 'none' && cs.visibility === 'visible' && Number(cs.opacity) > 0,",
            "    onTop: hit !== null && s.contains(hit)};",
            "})()");

    @ParameterizedTest
    @ValueSource(strings = {"01-architecture.ipynb", "08-pod-creation-flow.ipynb"})
    void diagramsInTheHandoutAreVisibleInChromium(String name) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY),
                "no Chromium at " + HeadlessChromium.BINARY + " (apt-get install chromium; ./kubelab test installs it as root): handouts not rendered");
        Handouts.Notebook nb = Handouts.run().get("en", name).orElseThrow(() -> new AssertionError(Handouts.run().log()));
        assertThat(nb.status()).as(nb.failures()).isEqualTo("ok");
        int diagrams = svgOutputs(JSON.readTree(nb.executed().toFile()));
        assertThat(diagrams).as("SVG outputs in the executed en/" + name).isPositive();

        Files.createDirectories(SCREENSHOTS);
        String stem = "en-" + name.replace(".ipynb", "");
        try (HeadlessChromium chromium = new HeadlessChromium(WIDTH, 1000)) {
            HeadlessChromium.Page page = chromium.open(nb.html().toUri().toString());
            for (int i = 0; i < diagrams; i++) {
                JsonNode svg = page.evaluate(String.format(SVG_STATE, i));
                String which = name + " diagram " + (i + 1) + " of " + diagrams;
                assertThat(svg.path("count").asInt()).as("SVGs on the page of " + name).isEqualTo(diagrams);
                assertThat(svg.path("width").asDouble()).as(which + " width").isGreaterThan(50);
                assertThat(svg.path("height").asDouble()).as(which + " height").isGreaterThan(50);
                assertThat(svg.path("shown").asBoolean()).as(which + " display/visibility/opacity").isTrue();
                assertThat(svg.path("onTop").asBoolean()).as(which + " is what the page shows at its centre").isTrue();
                assertThat(svg.path("shapes").asInt()).as(which + " shapes").isGreaterThan(3);
                assertThat(svg.path("labels").toString()).as(which + " labels").contains("kube-apiserver", "etcd");
                assertThat(svg.path("overflowing").toString()).as(which + ": lane labels wider than their box").isEqualTo("[]");

                BufferedImage shot = screenshot(page, svg);
                ImageIO.write(shot, "png", SCREENSHOTS.resolve(stem + "-diagram" + (i + 1) + ".png").toFile());
                assertThat(paintedShare(shot)).as(which + ": share of its screenshot painted (not background)").isGreaterThan(0.01);
            }
            ImageIO.write(fullPage(page), "png", SCREENSHOTS.resolve(stem + ".png").toFile());
        }
    }

    static int svgOutputs(JsonNode nb) {
        int n = 0;
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                n += out.path("data").has("image/svg+xml") ? 1 : 0;
            }
        }
        return n;
    }

    /** The diagram's region of the page as Chromium paints it. */
    static BufferedImage screenshot(HeadlessChromium.Page page, JsonNode box) throws Exception {
        ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        p.putObject("clip").put("x", box.path("x").asDouble()).put("y", box.path("y").asDouble())
                .put("width", box.path("width").asDouble()).put("height", box.path("height").asDouble()).put("scale", 1);
        return png(page.call("Page.captureScreenshot", p));
    }

    /** The whole handout (capped at 16000 px, Chromium's texture limit), for a person to look at. */
    static BufferedImage fullPage(HeadlessChromium.Page page) throws Exception {
        double height = Math.min(16000, page.call("Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize").path("height").asDouble());
        ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        p.putObject("clip").put("x", 0).put("y", 0).put("width", WIDTH).put("height", height).put("scale", 1);
        return png(page.call("Page.captureScreenshot", p));
    }

    static BufferedImage png(JsonNode screenshot) throws Exception {
        byte[] bytes = Base64.getDecoder().decode(screenshot.path("data").asText());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(img).as("a PNG from Chromium").isNotNull();
        return img;
    }

    /** The share of pixels that differ from the image's most common colour (its background): 0 for a blank region. */
    static double paintedShare(BufferedImage img) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                counts.merge(img.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        int background = counts.values().stream().max(Integer::compare).orElse(0);
        int total = img.getWidth() * img.getHeight();
        return total == 0 ? 0 : (total - background) / (double) total;
    }
}

package dev.kubelab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.kernel.driver.JupyterDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.kubelab.kernel.driver.JupyterDriver.messages;
import static dev.kubelab.kernel.driver.JupyterDriver.streamText;
import static org.assertj.core.api.Assertions.assertThat;

/** The kernel as a Jupyter front end sees it: one kernel process driven by the real jupyter_client over ZeroMQ. */
class KernelProtocolTest {
    static final int LIMIT = 64 * 1024;
    static JupyterDriver kernel;

    @BeforeAll
    static void start() throws Exception {
        kernel = JupyterDriver.start(JupyterDriver.inProcessClasspathKernel(
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-Dkubelab.output.limit=" + LIMIT)), JupyterDriver.root());
        assertThat(kernel.ready().path("ready").asBoolean()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        long pid = kernel.kernelPid();
        kernel.close();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("kernel process ended").isFalse();
    }

    static String text(JsonNode answer) {
        List<JsonNode> results = messages(answer, "execute_result");
        return results.isEmpty() ? null : results.get(0).path("data").path("text/plain").asText();
    }

    static JsonNode ok(JsonNode answer) {
        assertThat(answer.path("reply").path("status").asText()).as(answer.toString()).isEqualTo("ok");
        return answer;
    }

    static JsonNode error(JsonNode answer) {
        assertThat(answer.path("reply").path("status").asText()).as(answer.toString()).isEqualTo("error");
        List<JsonNode> errors = messages(answer, "error");
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    static List<String> traceback(JsonNode error) {
        List<String> lines = new ArrayList<>();
        error.path("traceback").forEach(l -> lines.add(l.asText()));
        return lines;
    }

    @Test
    void trailingExpressionIsShownAsText() throws Exception {
        assertThat(text(ok(kernel.execute("1 + 1")))).isEqualTo("2");
        assertThat(text(ok(kernel.execute("int a = 20;\nint b = 22;\na + b")))).isEqualTo("42");
        assertThat(text(ok(kernel.execute("int c = 1;")))).as("a declaration shows nothing").isNull();
    }

    @Test
    void renderableValueIsShownAsRichBundle() throws Exception {
        JsonNode answer = ok(kernel.execute(
                "(dev.kubelab.kernel.display.Renderable) () -> dev.kubelab.kernel.display.MimeBundle.html(\"<b>hi</b>\", \"hi\")"));
        JsonNode data = messages(answer, "execute_result").get(0).path("data");
        assertThat(data.path("text/html").asText()).isEqualTo("<b>hi</b>");
        assertThat(data.path("text/plain").asText()).isEqualTo("hi");
    }

    @Test
    void outputIsStreamedWhileTheCellRuns() throws Exception {
        JsonNode answer = ok(kernel.execute(
                "System.out.println(\"first\");\nThread.sleep(700);\nSystem.err.println(\"oops\");\nSystem.out.println(\"second\");\n\"done\""));
        List<JsonNode> streams = messages(answer, "stream");
        // The first line was sent on its own before the cell slept, not collected at the end with the rest.
        assertThat(streams.get(0).path("text").asText()).isEqualTo("first\n");
        assertThat(streamText(answer, "stdout")).isEqualTo("first\nsecond\n");
        assertThat(streamText(answer, "stderr")).isEqualTo("oops\n");
        List<String> order = new ArrayList<>();
        answer.path("messages").forEach(m -> order.add(m.path("type").asText()));
        assertThat(order.lastIndexOf("stream")).isLessThan(order.indexOf("execute_result"));
    }

    @Test
    void compileErrorShowsMessageLineAndCaret() throws Exception {
        JsonNode err = error(kernel.execute("int y = 2;\nint z = foo + 1;"));
        assertThat(err.path("ename").asText()).isEqualTo("CompilationError");
        assertThat(err.path("evalue").asText()).isEqualTo("cannot find symbol");
        List<String> tb = traceback(err);
        int at = tb.indexOf("line 2: int z = foo + 1;");
        assertThat(at).as(tb.toString()).isPositive();
        assertThat(tb.get(at + 1)).isEqualTo(" ".repeat("line 2: int z = ".length()) + "^~~");
        assertThat(String.join("\n", tb)).doesNotContain("jdk.jshell", "dev.kubelab", "Exception");
    }

    @Test
    void runtimeErrorShowsOnlyUserFrames() throws Exception {
        JsonNode err = error(kernel.execute("void explode() {\n  throw new IllegalStateException(\"boom\");\n}\nexplode();"));
        assertThat(err.path("ename").asText()).isEqualTo("IllegalStateException");
        assertThat(err.path("evalue").asText()).isEqualTo("boom");
        List<String> tb = traceback(err);
        assertThat(tb.get(0)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(tb).anyMatch(l -> l.matches("    at explode \\(cell \\[\\d+], line 2\\)"));
        assertThat(tb).anyMatch(l -> l.matches("    at cell \\(cell \\[\\d+], line 4\\)"));
        assertThat(String.join("\n", tb)).doesNotContain("jdk.jshell", "dev.kubelab", "java.lang.reflect", "jdk.internal");
        // a library frame the user called stays visible
        List<String> tb2 = traceback(error(kernel.execute("Integer.parseInt(\"x1\")")));
        assertThat(tb2.get(0)).startsWith("java.lang.NumberFormatException");
        assertThat(tb2).anyMatch(l -> l.contains("java.lang.Integer.parseInt"));
        assertThat(String.join("\n", tb2)).doesNotContain("jdk.jshell", "dev.kubelab");
    }

    @Test
    void completionOfJavaMagicNamesAndSubCommands() throws Exception {
        assertThat(matches(kernel.complete("\"abc\".subs", 10))).contains("substring(");
        assertThat(matches(kernel.complete("%ls", 3))).containsExactly("%lsmagic");
        assertThat(matches(kernel.complete("%de", 3))).containsExactly("%demo");
        assertThat(matches(kernel.complete("%demo ", 6))).contains("up", "down");
        assertThat(matches(kernel.complete("%demo up --n", 12))).containsExactly("--name");
        assertThat(matches(kernel.complete("%demo up --name ", 16))).containsExactly("alpha", "beta");
        JsonNode reply = kernel.complete("int q = 1;\n%ls", 14).path("reply");
        assertThat(reply.path("matches").toString()).contains("%lsmagic");
        assertThat(reply.path("cursor_start").asInt()).isEqualTo(11);
        assertThat(reply.path("cursor_end").asInt()).isEqualTo(14);
    }

    static List<String> matches(JsonNode answer) {
        List<String> list = new ArrayList<>();
        answer.path("reply").path("matches").forEach(m -> list.add(m.asText()));
        return list;
    }

    @Test
    void isCompleteTellsIncompleteCode() throws Exception {
        assertThat(kernel.isComplete("int x =").path("reply").path("status").asText()).isEqualTo("incomplete");
        assertThat(kernel.isComplete("for (int i = 0; i < 3; i++) {").path("reply").path("status").asText()).isEqualTo("incomplete");
        assertThat(kernel.isComplete("int x = 1;").path("reply").path("status").asText()).isEqualTo("complete");
        assertThat(kernel.isComplete("%lsmagic").path("reply").path("status").asText()).isEqualTo("complete");
    }

    @Test
    void inspectShowsSignature() throws Exception {
        JsonNode reply = kernel.inspect("Math.max(1, 2)", 6).path("reply");
        assertThat(reply.path("found").asBoolean()).isTrue();
        assertThat(reply.path("data").path("text/plain").asText()).contains("Math.max(int a, int b)");
        JsonNode magic = kernel.inspect("%lsmagic", 3).path("reply");
        assertThat(magic.path("data").path("text/plain").asText()).startsWith("Usage: %lsmagic");
    }

    @Test
    void historyHasTheInputs() throws Exception {
        ok(kernel.execute("String historyMarker = \"h\";"));
        JsonNode reply = kernel.send(JupyterDriver.op("history").put("n", 50)).path("reply");
        assertThat(reply.path("history").toString()).contains("historyMarker");
    }

    @Test
    void interruptStopsRunawayCellAndKeepsState() throws Exception {
        ok(kernel.execute("int kept = 7;"));
        JsonNode answer = kernel.interrupt("kept = 8;\nwhile (true) {}", 1.0, false);
        assertThat(answer.path("reply").path("status").asText()).isEqualTo("error");
        assertThat(answer.path("reply").path("ename").asText()).isEqualTo("Interrupted");
        assertThat(text(ok(kernel.execute("kept + 1")))).isEqualTo("9");
    }

    @Test
    void interruptStopsSleepingCell() throws Exception {
        JsonNode answer = kernel.interrupt("Thread.sleep(600_000);", 1.0, false);
        assertThat(answer.path("reply").path("ename").asText()).isEqualTo("Interrupted");
    }

    @Test
    void sigintInterruptsInsteadOfKillingTheKernel() throws Exception {
        JsonNode answer = kernel.interruptAfterOutput("long spins = 0;\nSystem.out.println(\"spinning\");\nwhile (true) { spins++; }", 0.2, true);
        assertThat(answer.path("reply").path("ename").asText()).as(answer.toString()).isEqualTo("Interrupted");
        assertThat(text(ok(kernel.execute("spins > 0")))).isEqualTo("true");
    }

    @Test
    void lsmagicListsEveryMagicWithDescription() throws Exception {
        String listing = text(ok(kernel.execute("%lsmagic")));
        assertThat(listing).contains("%lsmagic", "List every magic", "%demo", "A test magic with sub-commands.");
    }

    @Test
    void unknownMagicSuggestsCloseMatches() throws Exception {
        JsonNode err = error(kernel.execute("%lsmagik"));
        assertThat(err.path("ename").asText()).isEqualTo("UsageError");
        assertThat(err.path("evalue").asText()).isEqualTo("unknown magic %lsmagik — did you mean %lsmagic? (%lsmagic lists all)");
        assertThat(traceback(err)).hasSize(1);
        ok(kernel.execute("int afterUnknown = 1;"));
    }

    @Test
    void badMagicArgumentsGiveOneLineUsageError() throws Exception {
        JsonNode err = error(kernel.execute("%demo up --steps many"));
        assertThat(err.path("ename").asText()).isEqualTo("UsageError");
        assertThat(err.path("evalue").asText()).startsWith("%demo up: Invalid value for option '--steps': 'many' is not an int")
                .endsWith("(see %demo up --help)").doesNotContain("\n");
        JsonNode err2 = error(kernel.execute("%demo sideways"));
        assertThat(err2.path("evalue").asText()).contains("sideways");
        JsonNode err3 = error(kernel.execute("%demo up --name \"unterminated"));
        assertThat(err3.path("evalue").asText()).isEqualTo("%demo: unterminated double quote (see %demo --help)");
    }

    @Test
    void helpPrintsUsageOfMagicAndSubCommand() throws Exception {
        assertThat(text(ok(kernel.execute("%demo --help")))).startsWith("Usage: %demo").contains("up", "down");
        assertThat(text(ok(kernel.execute("%demo up --help")))).startsWith("Usage: %demo up").contains("--name", "--steps");
    }

    @Test
    void magicBindsTypedVariableAndShowsRichResultAndProgress() throws Exception {
        JsonNode answer = ok(kernel.execute("%demo up --name alpha --steps 4"));
        JsonNode result = messages(answer, "execute_result").get(0).path("data");
        assertThat(result.path("text/html").asText()).isEqualTo("<b>alpha</b> is up");
        List<JsonNode> shown = messages(answer, "display_data");
        List<JsonNode> updates = messages(answer, "update_display_data");
        assertThat(shown).hasSize(1);
        String id = shown.get(0).path("transient").path("display_id").asText();
        assertThat(updates).isNotEmpty().allMatch(u -> u.path("transient").path("display_id").asText().equals(id));
        assertThat(updates.get(updates.size() - 1).path("data").path("text/html").asText()).contains("<progress value=\"4\" max=\"4\"");
        // the variable has its declared type: members resolve at compile time
        assertThat(text(ok(kernel.execute("demo.name() + \"/\" + demo.getClass().getSimpleName()")))).isEqualTo("\"alpha/Pretend\"");
    }

    @Test
    void displayCanBeUpdatedInPlace() throws Exception {
        JsonNode answer = ok(kernel.execute("var h = display(\"one\");\nh.update(\"two\");\nhtml(\"<i>x</i>\");\nmarkdown(\"# t\");\nsvg(\"<svg/>\");"));
        List<JsonNode> shown = messages(answer, "display_data");
        List<JsonNode> updates = messages(answer, "update_display_data");
        assertThat(shown).hasSize(4);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).path("transient").path("display_id").asText())
                .isEqualTo(shown.get(0).path("transient").path("display_id").asText());
        assertThat(updates.get(0).path("data").path("text/plain").asText()).isEqualTo("two");
        assertThat(shown.get(1).path("data").path("text/html").asText()).isEqualTo("<i>x</i>");
        assertThat(shown.get(2).path("data").path("text/markdown").asText()).isEqualTo("# t");
        assertThat(shown.get(3).path("data").path("image/svg+xml").asText()).isEqualTo("<svg/>");
        assertThat(messages(answer, "execute_result")).as("a handle as trailing value shows nothing").isEmpty();
    }

    @Test
    void outputFloodIsTruncatedWithVisibleNote() throws Exception {
        JsonNode answer = ok(kernel.execute("for (int i = 0; i < 200_000; i++) System.out.println(\"line \" + i);\n\"survived\"", 120));
        String out = streamText(answer, "stdout");
        assertThat(out.length()).isLessThanOrEqualTo(LIMIT);
        assertThat(out).startsWith("line 0\nline 1\n");
        assertThat(streamText(answer, "stderr")).contains("[kubelab] output truncated");
        assertThat(text(answer)).isEqualTo("\"survived\"");
        assertThat(streamText(ok(kernel.execute("System.out.println(\"fresh budget\");")), "stdout")).isEqualTo("fresh budget\n");
    }

    @Test
    void malformedMessagesAreIgnoredAndTheKernelKeepsServing() throws Exception {
        JsonNode answer = kernel.send(JupyterDriver.op("malformed"));
        assertThat(answer.path("alive").asBoolean()).isTrue();
        assertThat(answer.path("reply").path("implementation").asText()).isEqualTo("kubelab");
        assertThat(text(ok(kernel.execute("6 * 7")))).isEqualTo("42");
    }

    @Test
    void exitIsRefusedSoTheSessionSurvives() throws Exception {
        JsonNode err = error(kernel.execute("System.exit(0);"));
        assertThat(err.path("ename").asText()).isEqualTo("ExitRefused");
        assertThat(text(ok(kernel.execute("\"still here\"")))).isEqualTo("\"still here\"");
    }

    @Test
    void kernelInfoSpeaksProtocol53() throws Exception {
        JsonNode reply = kernel.send(JupyterDriver.op("kernel_info")).path("reply");
        assertThat(reply.path("protocol_version").asText()).isEqualTo("5.3");
        assertThat(reply.path("language_info").path("name").asText()).isEqualTo("java");
    }
}

package dev.kubelab.kernel;

import dev.kubelab.kernel.driver.JupyterDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kubelab.kernel.KernelProtocolTest.ok;
import static dev.kubelab.kernel.KernelProtocolTest.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Variables bound by magics (as %cluster up binds client and cluster) in a real kernel driven by jupyter_client. A
 * kernel of its own: the imports and the class these cells declare stay in the session and would change what the
 * protocol tests' cells compile against.
 */
class BoundVariablesTest {
    static JupyterDriver kernel;

    @BeforeAll
    static void start() throws Exception {
        kernel = JupyterDriver.start(JupyterDriver.inProcessClasspathKernel(List.of("-Xmx256m", "-XX:+UseSerialGC")), JupyterDriver.root());
    }

    @AfterAll
    static void stop() throws Exception {
        kernel.close();
    }

    /**
     * A magic's binding is declared with canonical type names, so a later star import (which makes JShell recompile
     * every earlier snippet) or a user class with the same simple name cannot re-resolve it: the variable keeps its
     * value and type.
     */
    @Test
    void boundVariableSurvivesImportsAndAUserClassOfTheSameName() throws Exception {
        ok(kernel.execute("%demo up --name kept --steps 1"));
        for (String cell : List.of("import dev.kubelab.kernel.testmagics.*;", "import dev.kubelab.kernel.testmagics.DemoMagic.*;",
                "import java.util.concurrent.*;")) {
            ok(kernel.execute(cell));
            assertThat(text(ok(kernel.execute("demo.name()")))).as("after " + cell).isEqualTo("\"kept\"");
        }
        ok(kernel.execute("class Pretend { String name() { return \"shadow\"; } }"));
        assertThat(text(ok(kernel.execute("demo.name() + \"/\" + new Pretend().name()")))).isEqualTo("\"kept/shadow\"");
        assertThat(text(ok(kernel.execute("demo.getClass().getName()")))).isEqualTo("\"dev.kubelab.kernel.testmagics.DemoMagic$Pretend\"");
    }

}

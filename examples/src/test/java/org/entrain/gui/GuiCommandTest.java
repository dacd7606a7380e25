package org.entrain.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.entrain.cli.EntrainCli;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code entrain gui} without a screen, and its help: no display needed. */
class GuiCommandTest {

    @Test
    void shouldSayInOneLineThatThereIsNoDisplay() {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(), "this JVM has a display");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EntrainCli.execute(new String[] {"gui"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(EntrainCli.EXIT_FAILURE);
        assertThat(err.toString().strip()).startsWith("entrain: error: no display: the desktop app needs a screen")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void shouldDescribeItselfInTheHelp() {
        StringWriter out = new StringWriter();
        int code = EntrainCli.execute(new String[] {"gui", "--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--sessions=DIR").contains("--dark").contains("desktop app");
    }
}

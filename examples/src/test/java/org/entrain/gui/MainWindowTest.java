package org.entrain.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.KeyEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.swing.core.BasicRobot;
import org.assertj.swing.core.KeyPressInfo;
import org.assertj.swing.core.Robot;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.entrain.session.Protocol;

/** The window without a session: forms, presets, keys, messages. Needs a display (Xvfb in CI). */
@Tag("gui")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MainWindowTest {

    @TempDir
    Path dir;

    private Robot robot;
    private FrameFixture window;
    private MainWindow app;

    @BeforeAll
    static void checkEdt() {
        GuiTests.requireDisplay();
        FailOnThreadViolationRepaintManager.install();
    }

    @BeforeEach
    void open() throws Exception {
        robot = BasicRobot.robotWithNewAwtHierarchy();
        app = GuiCommand.open(new SessionLauncher(), dir.resolve("sessions"), false);
        window = new FrameFixture(robot, app.frame());
        window.focus();
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.cleanUp();
        }
    }

    @Test
    void shouldCarryEntrainInTheTitleAndShowTheKeys() {
        assertThat(window.target().getTitle()).contains("Entrain");
        window.label("keys").requireText(MainWindow.KEYS);
        window.label("bpmDisplay").requireText("90");
        window.button("startStop").requireText("Start  (space)").requireEnabled();
    }

    @Test
    void shouldChangeTheTempoWithTheArrowKeysAndTheButtons() {
        window.button("startStop").focus();
        window.pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_UP));
        window.label("bpmDisplay").requireText("91");
        window.pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_UP).modifiers(GuiTests.SHIFT));
        window.label("bpmDisplay").requireText("96");
        window.pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_DOWN));
        window.label("bpmDisplay").requireText("95");
        // the buttons' wiring (pressed on the EDT: a robot's mouse click is not reliable on a loaded machine)
        GuiActionRunner.execute(() -> app.tempoPanel().minus5.doClick());
        window.label("bpmDisplay").requireText("90");
        GuiActionRunner.execute(() -> app.tempoPanel().plus1.doClick());
        window.spinner("bpm").requireValue(91.0);
    }

    @Test
    void shouldSetTheFormFromAPreset() {
        window.comboBox("preset").selectItem(TempoPanel.Preset.PSE_THREE_FOUR.toString());
        window.spinner("bpm").requireValue(60.0);
        window.comboBox("meter").requireSelection("3/4");
        window.label("bpmDisplay").requireText("60");
        window.comboBox("preset").selectItem(TempoPanel.Preset.RAS_STEP_UP.toString());
        window.checkBox("useProtocol").requireSelected();
        assertThat(window.list("phases").contents()).containsExactly("count-in: 1 bar",
                "at cadence (match): 90 bpm, 8 bars", "step-up: +5.0% every 8 bars, to 100 bpm, until next phase",
                "at 100 (match): 100 bpm, 8 bars");
        Protocol p = GuiActionRunner.execute(() -> app.tempoPanel().protocol());
        assertThat(p.name()).isEqualTo("RAS gait, 90 to 100 bpm step-up");
    }

    @Test
    void shouldShowOneClearLineWhenTheSettingsCannotStart() {
        window.pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_F).modifiers(GuiTests.ALT));
        window.checkBox("useProtocol").requireSelected();
        window.pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_SPACE));
        window.label("message").requireText(
                "No protocol file chosen: open one (Alt+O) or clear 'Use a protocol file'");
        window.button("startStop").requireText("Start  (space)");
        assertThat(app.state()).isEqualTo(MainWindow.State.IDLE);
    }

    @Test
    void shouldShowWhereABadProtocolFileIsWrongInOneLine() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "bpm: 90\nphases:\n  - kind: match\n    length: 8bars\n  - kind: walk\n", StandardCharsets.UTF_8);
        GuiActionRunner.execute(() -> app.loadProtocol(bad));
        Pause.pause(new Condition("the message") {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(() -> app.message()).contains("bad.yaml");
            }
        }, 10_000);
        String m = GuiActionRunner.execute(() -> app.message());
        assertThat(m).contains("line 5").contains("walk").doesNotContain("Exception").doesNotContain("\n");
        window.checkBox("useProtocol").requireNotSelected();
    }

    @Test
    void shouldSwitchToTheDarkLookAndBack() {
        window.pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_D).modifiers(GuiTests.CTRL));
        window.button("darkMode").requireText("Light (Ctrl+D)");
        assertThat(Theme.dark()).isTrue();
        window.pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_D).modifiers(GuiTests.CTRL));
        window.button("darkMode").requireText("Dark (Ctrl+D)");
    }

    @Test
    void shouldListPastSessionsNewestFirst() throws Exception {
        Path root = dir.resolve("sessions");
        for (String name : List.of("2026-01-02_10-00-00", "2026-03-04_11-00-00")) {
            Files.createDirectories(root.resolve(name));
            Files.writeString(root.resolve(name).resolve("session.jsonl"), "{}\n", StandardCharsets.UTF_8);
        }
        Files.writeString(root.resolve("2026-03-04_11-00-00").resolve("report.html"), "<html></html>", StandardCharsets.UTF_8);
        window.cleanUp();
        robot = BasicRobot.robotWithNewAwtHierarchy();
        app = GuiCommand.open(new SessionLauncher(), root, false);
        window = new FrameFixture(robot, app.frame());
        window.pressAndReleaseKey(KeyPressInfo.keyCode(KeyEvent.VK_3).modifiers(GuiTests.CTRL));
        Pause.pause(new Condition("past sessions listed") {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(() -> window.list("pastSessions").target().getModel().getSize()) == 2;
            }
        }, 10_000);
        assertThat(window.list("pastSessions").contents())
                .containsExactly("2026-03-04_11-00-00", "2026-01-02_10-00-00  (no report: cut short)");
    }
}

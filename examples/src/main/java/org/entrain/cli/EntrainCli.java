package org.entrain.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code entrain} command line. Exit codes: 0 done, 1 failure at run time, 2 bad input (one
 * line on stderr starting {@code entrain: }, naming the bad value and what is allowed).
 */
@Command(name = "entrain",
        mixinStandardHelpOptions = true,
        versionProvider = EntrainCli.Version.class,
        description = "A rhythm engine for Neurologic Music Therapy: precise cues, tempo ramps, tap detection, timing statistics.",
        subcommands = {
                PlanCommand.class,
                DevicesCommand.class,
                PlayCommand.class,
                SessionCommand.class,
                DemoCommand.class,
                RenderCommand.class,
                DetectCommand.class,
                CalibrateCommand.class,
                AnalyzeCommand.class,
                ReportCommand.class,
                org.entrain.gui.GuiCommand.class,
                CommandLine.HelpCommand.class
        })
public final class EntrainCli implements Runnable {

    /** Exit code for bad input. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a failure at run time. */
    public static final int EXIT_FAILURE = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given streams, for tests and embedding.
     *
     * @param args the arguments
     * @param out standard output
     * @param err standard error
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /**
     * The configured picocli command line: one-line errors, exit codes per the contract.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EntrainCli());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("entrain: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                c.getErr().println("entrain: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            c.getErr().println("entrain: error: " + msg);
            return EXIT_FAILURE;
        });
        return cl;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EntrainCli.class.getPackage().getImplementationVersion();
            return new String[] {"entrain " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
        }
    }
}

package org.entrain.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        return execute(commandLine(), args, out, err);
    }

    /**
     * Runs {@code args} on {@code cl}, a command line from {@link #commandLine()}, which picocli
     * resets to its defaults before each parse: for tests that run many command lines, where
     * building one costs most of a short run.
     */
    static int execute(CommandLine cl, String[] args, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("entrain: error: out of memory (the input is too large for this JVM's heap; try -Xmx or a shorter input)");
            return EXIT_FAILURE;
        } catch (RuntimeException | Error e) {
            err.println("entrain: error: " + oneLine(describe(e)));
            return EXIT_FAILURE;
        }
    }

    /**
     * The configured picocli command line: one-line errors, exit codes per the contract, the
     * nearest option or command suggested for a typo.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EntrainCli());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("entrain: " + oneLine(parameterMessage(ex, args)) + " (see '"
                    + c.getCommandSpec().qualifiedName() + " --help')");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
            if (t instanceof IllegalArgumentException) {
                c.getErr().println("entrain: " + oneLine(t.getMessage()));
                return EXIT_BAD_INPUT;
            }
            c.getErr().println("entrain: error: " + oneLine(describe(t)));
            return EXIT_FAILURE;
        });
        return cl;
    }

    /**
     * The message for a bad command line: an unknown option or command names the nearest known
     * one; a missing required option caused by a typo names the typo rather than the option.
     */
    private static String parameterMessage(CommandLine.ParameterException ex, String[] args) {
        CommandLine c = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            return unknown(c, first, nearest(c, first, u.getSuggestions()));
        }
        if (ex instanceof CommandLine.MissingParameterException) {
            String typo = unknownOption(c, args);
            if (typo != null) {
                return unknown(c, typo,
                        nearest(c, typo, new CommandLine.UnmatchedArgumentException(c, List.of(typo)).getSuggestions()));
            }
        }
        return ex.getMessage();
    }

    private static String unknown(CommandLine c, String arg, List<String> suggestions) {
        boolean option = arg.startsWith("-");
        boolean hasSubcommands = !c.getSubcommands().isEmpty();
        String what = option ? "unknown option" : hasSubcommands ? "unknown command" : "unexpected argument";
        String name = option && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        StringBuilder sb = new StringBuilder(what).append(" '").append(name).append('\'');
        List<String> s = new ArrayList<>();
        for (String x : suggestions) {
            if (!x.equals("help") || !option) {
                s.add(x);
            }
        }
        if (!s.isEmpty()) {
            sb.append("; did you mean ").append(String.join(" or ", s.subList(0, Math.min(3, s.size())))).append('?');
        } else if (!option && hasSubcommands) {
            sb.append("; commands: ").append(String.join(", ", c.getSubcommands().keySet()));
        }
        return sb.toString();
    }

    /**
     * The known names nearest to a typo: the options (for {@code -x}) or commands within edit
     * distance 2 counting a swap of neighbours as one ({@code --bmp} -> {@code --bpm}), else
     * picocli's own suggestions.
     */
    private static List<String> nearest(CommandLine c, String typo, List<String> picocli) {
        String t = typo.contains("=") && typo.startsWith("-") ? typo.substring(0, typo.indexOf('=')) : typo;
        List<String> names = new ArrayList<>();
        if (t.startsWith("-")) {
            for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
                names.add(o.longestName());
            }
        } else {
            names.addAll(c.getSubcommands().keySet());
        }
        int best = Integer.MAX_VALUE;
        List<String> out = new ArrayList<>();
        for (String n : names) {
            int d = editDistance(t, n);
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best && !out.contains(n)) {
                out.add(n);
            }
        }
        return best <= 2 && best < t.length() / 2 + 1 ? out : picocli;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The first argument that looks like an option this command does not have, or null. */
    private static String unknownOption(CommandLine c, String[] args) {
        CommandLine.Model.CommandSpec spec = c.getCommandSpec();
        boolean valueNext = false;
        for (String a : args) {
            if (valueNext) {
                valueNext = false;
                continue;
            }
            if (a.equals(spec.name())) {
                continue;
            }
            if (a.startsWith("-") && a.length() > 1 && !Character.isDigit(a.charAt(1)) && a.charAt(1) != '.') {
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                CommandLine.Model.OptionSpec o = spec.findOption(name);
                if (o == null) {
                    return a;
                }
                valueNext = !a.contains("=") && o.arity().min() > 0;
            }
        }
        return null;
    }

    /** A failure described for the user: a file system error names the file and what was wrong. */
    static String describe(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            Path f = Path.of(e.getFile());
            Path parent = f.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                return "cannot create '" + e.getFile() + "': the folder '" + parent + "' does not exist";
            }
            return "'" + e.getFile() + "' cannot be opened or created there (not found; is the folder writable?)";
        }
        if (t instanceof AccessDeniedException e) {
            return "'" + e.getFile() + "': permission denied (choose a file or folder you may write)";
        }
        if (t instanceof FileSystemException e) {
            String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            return "'" + e.getFile() + "': " + reason;
        }
        if (t instanceof CharacterCodingException) {
            return "a file is not UTF-8 text (" + t.getClass().getSimpleName() + ")";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /**
     * Text made fit for one line of a terminal: line ends and control characters become spaces,
     * and anything past 400 characters is cut.
     *
     * @param text the text, or null
     * @return one line
     */
    static String oneLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 410));
        for (int i = 0; i < text.length() && sb.length() < 400; i++) {
            char ch = text.charAt(i);
            sb.append(Character.isISOControl(ch) || ch == 0x2028 || ch == 0x2029 ? ' ' : ch);
        }
        if (sb.length() < text.length()) {
            sb.append("...");
        }
        return sb.toString().strip();
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

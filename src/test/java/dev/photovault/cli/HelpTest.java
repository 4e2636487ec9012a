package dev.photovault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} and {@code -h} work on every command and subcommand, not only on {@code photovault} itself. */
class HelpTest {

    @Test
    void everyCommandAnswersHelpWithItsOwnUsage() {
        List<String> paths = new ArrayList<>();
        collect(PhotovaultCommand.commandLine(), "", paths);
        assertThat(paths).contains("backup", "key passwd", "restore", "run");
        for (String path : paths) {
            for (String flag : List.of("--help", "-h")) {
                CommandLine cli = PhotovaultCommand.commandLine();
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
                List<String> args = new ArrayList<>(List.of(path.split(" ")));
                args.add(flag);
                int code = cli.execute(args.toArray(String[]::new));
                assertThat(code).as(path + " " + flag + ": " + err).isZero();
                assertThat(out.toString()).as(path + " " + flag).startsWith("Usage: photovault " + path);
            }
        }
    }

    private static void collect(CommandLine command, String prefix, List<String> paths) {
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && sub.getCommandName().equals(name)) { // not aliases, not the help command
                String path = (prefix + " " + name).trim();
                paths.add(path);
                collect(sub, path, paths);
            }
        });
    }
}

package dev.creditrules.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/analysts.md, run as written: every {@code sh} block of the page, in order, by bash, in an
 * empty folder outside the repository, with {@code credit-rules} on the PATH (this module's
 * classes) and {@code CREDIT_RULES_HOME} the checkout, as the page tells the analyst to set them. A
 * command ends with {@code # exit N} when it must exit with N; every other command must exit 0. So
 * the page cannot say a command that does not work, and a change that breaks the analyst's loop
 * (copy, edit, validate, test, update, diff, explain, ship through a live directory, a broken
 * change refused) fails the build.
 */
class AnalystsWalkthroughTest {
  static final Path PAGE = Path.of("../docs/analysts.md");
  private static final Pattern BLOCK = Pattern.compile("(?ms)^```sh\\n(.*?)^```");
  private static final Pattern EXIT = Pattern.compile("\\s+# exit (\\d+)$");

  @TempDir Path work;

  /**
   * One command of the page: its first line number in the page, its text and the exit it must give.
   */
  record Command(int line, String text, int exit) {}

  /** The commands of every {@code sh} block, continuation lines joined. */
  static List<Command> commands(String page) {
    List<Command> commands = new ArrayList<>();
    Matcher block = BLOCK.matcher(page);
    while (block.find()) {
      int line = lineOf(page, block.start(1));
      String[] lines = block.group(1).split("\n", -1);
      StringBuilder text = new StringBuilder();
      int first = 0;
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i];
        if (text.length() == 0) {
          if (l.isBlank() || l.strip().startsWith("#")) {
            continue;
          }
          first = line + i;
        }
        if (l.endsWith("\\")) {
          text.append(l, 0, l.length() - 1).append(' ');
          continue;
        }
        text.append(l);
        Matcher exit = EXIT.matcher(text);
        int code = 0;
        String command = text.toString();
        if (exit.find()) {
          code = Integer.parseInt(exit.group(1));
          command = command.substring(0, exit.start());
        }
        commands.add(new Command(first, command.strip(), code));
        text.setLength(0);
      }
    }
    return commands;
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The script bash runs: each command, then a check of its exit status naming the page's line. */
  static String script(List<Command> commands) {
    StringBuilder s = new StringBuilder();
    s.append("set -u\n");
    s.append("check() { if [ \"$2\" != \"$1\" ]; then\n");
    s.append("  echo \"docs/analysts.md:$3: exit $2, the page says $1: $4\" >&2; exit 99; fi; }\n");
    for (Command c : commands) {
      s.append("echo \"\\$ \"").append(quote(c.text())).append('\n');
      s.append(c.text()).append('\n');
      s.append("check ")
          .append(c.exit())
          .append(" $? ")
          .append(c.line())
          .append(' ')
          .append(quote(c.text()))
          .append('\n');
    }
    return s.toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Test
  void readsTheCommandsOfThePage() {
    List<Command> c =
        commands("a\n```sh\n# a comment\nfoo --x \\\n  y\n\nbar # exit 1\n```\n```text\nno\n```\n");
    assertThat(c).containsExactly(new Command(4, "foo --x    y", 0), new Command(7, "bar", 1));
  }

  @Test
  void theWalkThroughWorksOnACopyOfThePacksOutsideTheRepository() throws Exception {
    String page = Files.readString(PAGE);
    List<Command> commands = commands(page);
    assertThat(commands).as("commands in docs/analysts.md").hasSizeGreaterThan(10);
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path home = Files.createDirectories(work.resolve("home"));
    Path cli = bin.resolve("credit-rules");
    Files.writeString(
        cli,
        "#!/bin/sh\nexec '"
            + java()
            + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
            + " -cp '"
            + System.getProperty("java.class.path")
            + "' dev.creditrules.cli.Main \"$@\"\n");
    assertThat(cli.toFile().setExecutable(true)).isTrue();
    Path script = work.resolve("walkthrough.sh");
    Files.writeString(script, script(commands));
    Path log = work.resolve("walkthrough.log");
    ProcessBuilder pb =
        new ProcessBuilder("bash", script.toString())
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment()
        .put("CREDIT_RULES_HOME", Path.of("..").toAbsolutePath().normalize().toString());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().remove("CREDIT_RULES_JAVA_OPTS");
    // the page keeps the analyst's copy under git; an analyst has a name, this empty HOME none
    for (String who : List.of("AUTHOR", "COMMITTER")) {
      pb.environment().put("GIT_" + who + "_NAME", "An Analyst");
      pb.environment().put("GIT_" + who + "_EMAIL", "analyst@example.org");
    }
    Process p = pb.start();
    try {
      boolean ended = p.waitFor(10, TimeUnit.MINUTES);
      String out = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(ended).as("the walk-through ended within 10 minutes:\n%s", tail(out)).isTrue();
      assertThat(p.exitValue()).as("the walk-through of docs/analysts.md:\n%s", tail(out)).isZero();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String tail(String out) {
    return out.length() <= 20_000 ? out : "…" + out.substring(out.length() - 20_000);
  }
}

package dev.creditrules.runtime;

import dev.creditrules.api.PackProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a pack folder into a {@link CompiledPack}. Uses Drools' classic DRL compiler
 * ({@code drools-mvel}) in the running JVM, each pack version under its own {@link ReleaseId} so
 * that versions with the same DRL package coexist.
 */
final class PackCompiler {
  private static final Logger LOG = LoggerFactory.getLogger(PackCompiler.class);
  private static final Pattern RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"");
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

  private PackCompiler() {}

  /** Compiles {@code folder}; every problem found is added to {@code problems}. */
  static CompiledPack compile(PackFolder folder, List<PackProblem> problems) {
    String key = folder.key();
    int before = problems.size();
    String manifestText = folder.text(PackManifest.FILE);
    if (manifestText == null) {
      problems.add(new PackProblem(key, PackManifest.FILE, 0, 0, null, "missing manifest"));
      return null;
    }
    PackManifest manifest =
        PackManifest.parse(key, folder.id(), folder.version(), manifestText, problems);
    String catalogueText = folder.text(Catalogue.FILE);
    Catalogue catalogue;
    if (catalogueText == null) {
      problems.add(new PackProblem(key, Catalogue.FILE, 0, 0, null, "missing measure catalogue"));
      catalogue = null;
    } else {
      catalogue = Catalogue.parse(key, catalogueText, problems);
    }
    Map<String, String> drl;
    try {
      drl = folder.drlFiles();
    } catch (IllegalArgumentException e) {
      String file = e.getMessage().substring(0, Math.max(0, e.getMessage().indexOf(':')));
      problems.add(new PackProblem(key, file, 0, 0, null, e.getMessage().substring(file.length() + 2)));
      return null;
    }
    // the sandbox is checked on the text first, so a pack that also fails to compile reports both
    drl.forEach((file, text) -> PackLinter.sandbox(key, file, text, problems));
    if (drl.isEmpty()) {
      problems.add(new PackProblem(key, "", 0, 0, null, "no .drl file or decision table in the pack"));
    }
    if (problems.size() > before || manifest == null || catalogue == null) {
      return null;
    }
    long start = System.nanoTime();
    String digest = folder.digest();
    KieBase kieBase =
        build(key, folder.id(), folder.version() + "-" + digest.substring(7, 19), drl, problems);
    if (kieBase == null) {
      return null;
    }
    PackLinter.lint(folder, catalogue, kieBase, problems);
    if (problems.size() > before) {
      return null;
    }
    LOG.info(
        "compiled pack {} ({} rules) in {} ms",
        key,
        kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum(),
        (System.nanoTime() - start) / 1_000_000);
    return CompiledPack.of(manifest, catalogue, kieBase, digest, folder);
  }

  /**
   * Builds a knowledge base from DRL files (path to text) under a release id of its own; compile
   * errors are added to {@code problems} with file, line, column and rule, and null is returned.
   */
  static KieBase build(
      String key, String artifact, String version, Map<String, String> drl, List<PackProblem> problems) {
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId releaseId = ks.newReleaseId("dev.creditrules.packs", artifact, version);
    kfs.generateAndWritePomXML(releaseId);
    Map<String, String> kiePaths = new java.util.HashMap<>();
    drl.forEach(
        (path, text) -> {
          Matcher m = PACKAGE.matcher(text);
          String pkgDir = m.find() ? m.group(1).replace('.', '/') + "/" : "";
          // tables arrive as DRL text: give them a .drl name so Drools compiles them as DRL
          String kiePath =
              "src/main/resources/" + pkgDir + path.replace('/', '_') + (path.endsWith(".drl") ? "" : ".drl");
          kiePaths.put(kiePath, path);
          kfs.write(kiePath, text);
        });
    KieBuilder builder = ks.newKieBuilder(kfs);
    builder.buildAll();
    int before = problems.size();
    for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
      String file = m.getPath() == null ? "" : m.getPath();
      file = kiePaths.getOrDefault(file, kiePaths.getOrDefault("src/main/resources/" + file, file));
      String text = drl.get(file);
      int line = Math.max(m.getLine(), 0);
      if (line == 0 && text != null) {
        line = lineOfQuotedExpression(text, m.getText());
      }
      problems.add(
          new PackProblem(
              key,
              file,
              line,
              Math.max(m.getColumn(), 0),
              text == null ? null : ruleAt(text, line),
              m.getText().strip()));
    }
    if (problems.size() > before) {
      return null;
    }
    return ks.newKieContainer(releaseId).getKieBase();
  }

  private static final Pattern QUOTED_EXPRESSION =
      Pattern.compile("Unable to Analyse Expression\\s+(.+?):\\s*$", Pattern.MULTILINE);

  /**
   * Some compiler messages (MVEL's "Unable to Analyse Expression …") carry no line: find the
   * expression they quote in the file instead. 0 when it cannot be found.
   */
  static int lineOfQuotedExpression(String text, String message) {
    Matcher m = QUOTED_EXPRESSION.matcher(message);
    if (m.find()) {
      int at = text.indexOf(m.group(1).strip());
      if (at >= 0) {
        return PackLinter.lineAt(text, at);
      }
    }
    return 0;
  }

  /** The name of the rule whose text contains {@code line} (1-based), or null. */
  static String ruleAt(String drl, int line) {
    if (line <= 0) {
      return null;
    }
    String[] lines = drl.split("\n", -1);
    for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      Matcher m = RULE.matcher(lines[i]);
      if (m.find()) {
        return m.group(1);
      }
      if (i < line - 1 && lines[i].strip().equals("end")) {
        return null;
      }
    }
    return null;
  }

  static List<String> ruleNames(KieBase base) {
    List<String> names = new ArrayList<>();
    base.getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(r.getName())));
    names.sort(null);
    return names;
  }
}

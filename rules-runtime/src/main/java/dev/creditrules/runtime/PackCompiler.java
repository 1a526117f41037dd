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
    Map<String, String> drl = folder.drlFiles();
    // the sandbox is checked on the text first, so a pack that also fails to compile reports both
    drl.forEach((file, text) -> PackLinter.sandbox(key, file, text, problems));
    if (drl.isEmpty()) {
      problems.add(new PackProblem(key, "", 0, 0, null, "no .drl file in the pack"));
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
    return new CompiledPack(manifest, catalogue, kieBase, digest, folder);
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
          String kiePath = "src/main/resources/" + pkgDir + path.replace('/', '_');
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
      problems.add(
          new PackProblem(
              key,
              file,
              Math.max(m.getLine(), 0),
              Math.max(m.getColumn(), 0),
              text == null ? null : ruleAt(text, m.getLine()),
              m.getText().strip()));
    }
    if (problems.size() > before) {
      return null;
    }
    return ks.newKieContainer(releaseId).getKieBase();
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

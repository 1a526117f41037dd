package dev.creditrules.testkit;

import dev.creditrules.api.PackProblem;
import dev.creditrules.runtime.CreditRulesEngine;
import dev.creditrules.runtime.PackGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A {@link PackGate} for {@link dev.creditrules.runtime.LivePacks}: runs the regression cases of
 * each changed pack folder ({@code <folder>/cases/*.yaml}) on the candidate engine and rejects the
 * folder when a case fails or a case file does not load. Each problem names the pack ({@code
 * id@version}), the case file relative to the pack folder, and the case's name with every unmet
 * expectation. A folder without cases passes.
 *
 * <pre>{@code
 * LivePacks rules = LivePacks.watch(Path.of("/srv/packs"), new CaseGate());
 * }</pre>
 *
 * <p>Thread-safe and stateless: one instance may serve several live directories.
 */
public final class CaseGate implements PackGate {
  private static final String CASES = "cases";

  private final Cases cases = new Cases();

  /** A gate running the changed packs' own cases. */
  public CaseGate() {}

  /**
   * Runs every case of every changed folder on {@code candidate}.
   *
   * @return one problem per failing case or unreadable case file, empty when all pass
   */
  @Override
  public List<PackProblem> check(CreditRulesEngine candidate, List<Path> changed) {
    List<PackProblem> problems = new ArrayList<>();
    // the candidate's catalogue: a case expecting a measure no loaded pack has is a problem too
    Set<String> measures = new TreeSet<>();
    candidate.measures().values().forEach(measures::addAll);
    for (Path folder : changed) {
      String pack = packOf(folder);
      for (Path file : caseFiles(folder, pack, problems)) {
        String rel = folder.relativize(file).toString().replace('\\', '/');
        Cases.Loaded loaded;
        try {
          loaded = cases.readFile(file, measures);
        } catch (UncheckedIOException e) {
          problems.add(
              new PackProblem(pack, rel, 0, 0, null, "case file does not load: " + e.getMessage()));
          continue;
        }
        for (CaseProblem p : loaded.problems()) {
          problems.add(
              new PackProblem(
                  pack,
                  rel,
                  p.line(),
                  p.column(),
                  null,
                  "case file does not load: " + p.message()));
        }
        for (RegressionCase c : loaded.cases()) {
          try {
            CaseResult result = cases.run(candidate, c);
            if (!result.passed()) {
              problems.add(
                  new PackProblem(
                      pack,
                      rel,
                      c.line(),
                      0,
                      null,
                      "case \"" + c.name() + "\" failed: " + String.join("; ", result.failures())));
            }
          } catch (RuntimeException e) {
            problems.add(
                new PackProblem(
                    pack, rel, c.line(), 0, null, "case \"" + c.name() + "\" failed: " + e));
          }
        }
      }
    }
    return List.copyOf(problems);
  }

  private static String packOf(Path folder) {
    Path id = folder.getParent();
    return (id == null ? "" : id.getFileName() + "@") + folder.getFileName();
  }

  /**
   * The case files directly in {@code <folder>/cases}, in path order, as {@link Cases#load} finds
   * them.
   */
  private static List<Path> caseFiles(Path folder, String pack, List<PackProblem> problems) {
    Path dir = folder.resolve(CASES);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p ->
                  p.getFileName().toString().endsWith(".yaml")
                      || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      problems.add(
          new PackProblem(pack, CASES, 0, 0, null, "cannot list the cases: " + e.getMessage()));
      return List.of();
    }
  }
}

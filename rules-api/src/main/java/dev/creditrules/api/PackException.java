package dev.creditrules.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when rule packs cannot be loaded or compiled; lists every problem with its location. A
 * fault in a file that later versions inherit is one problem, with the same error in each
 * inheriting version folded under it.
 */
public final class PackException extends RulesException {
  private static final long serialVersionUID = 1L;

  private final transient List<PackProblem> problems;

  public PackException(List<PackProblem> problems) {
    super(
        "rule packs do not load:\n"
            + fold(problems).stream().map(PackProblem::toString).collect(Collectors.joining("\n")));
    this.problems = fold(problems);
  }

  /** Every problem found, one per fault (see {@link PackProblem#followOns()}). */
  public List<PackProblem> problems() {
    return problems;
  }

  /** The number of errors folded under the problems. */
  public int followOnCount() {
    return problems.stream().mapToInt(p -> p.followOns().size()).sum();
  }

  /**
   * Folds a problem reported in an inherited file ({@code general@2023.05}, {@code
   * ../2019.07/general.drl}) under the same problem of the version that owns the file ({@code
   * general@2019.07}, {@code general.drl}), or of the first version reporting it.
   */
  private static List<PackProblem> fold(List<PackProblem> problems) {
    Map<String, PackProblem> primary = new LinkedHashMap<>();
    Map<String, List<PackProblem>> folded = new LinkedHashMap<>();
    List<Object> order = new ArrayList<>();
    for (PackProblem p : problems) {
      String where = source(p);
      if (where == null) {
        order.add(p);
        continue;
      }
      String key = where + ":" + p.line() + ":" + p.column() + ":" + p.rule() + ":" + p.message();
      PackProblem first = primary.get(key);
      if (first == null) {
        primary.put(key, p);
        folded.put(key, new ArrayList<>());
        order.add(key);
      } else if (first.file().startsWith("../") && !p.file().startsWith("../")) {
        // folded has a list for every key in primary
        Objects.requireNonNull(folded.get(key)).add(0, also(first));
        primary.put(key, p);
      } else {
        Objects.requireNonNull(folded.get(key)).add(also(p));
      }
    }
    List<PackProblem> out = new ArrayList<>();
    for (Object o : order) {
      if (o instanceof PackProblem p) {
        out.add(p);
      } else {
        // every key in order was put in primary and folded together
        String key = (String) o;
        out.add(
            Objects.requireNonNull(primary.get(key))
                .withFollowOns(Objects.requireNonNull(folded.get(key))));
      }
    }
    return List.copyOf(out);
  }

  private static PackProblem also(PackProblem p) {
    return new PackProblem(
        p.pack(),
        p.file(),
        p.line(),
        p.column(),
        p.rule(),
        "the same error in " + p.pack() + ", which inherits the file");
  }

  /** {@code id/version/file} of a problem in a pack version's file, else null. */
  private static @Nullable String source(PackProblem p) {
    int at = p.pack().indexOf('@');
    if (at < 0 || p.file().isEmpty()) {
      return null;
    }
    String id = p.pack().substring(0, at);
    String file = p.file();
    String version = p.pack().substring(at + 1);
    if (file.startsWith("../")) {
      int slash = file.indexOf('/', 3);
      if (slash < 0) {
        return null;
      }
      version = file.substring(3, slash);
      file = file.substring(slash + 1);
    }
    return id + "/" + version + "/" + file;
  }
}

package dev.creditrules.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One problem found while loading, compiling or checking a rule pack: one fault, written where the
 * analyst wrote it, with the errors it caused folded under it.
 *
 * @param pack {@code id@version}, or the folder when the manifest cannot be read
 * @param file the file relative to the pack folder, for example {@code sanctions.drl}
 * @param line the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 * @param rule the rule's name, or {@code null}
 * @param message what is wrong
 * @param followOns the errors this fault causes further on (a function that does not compile makes
 *     every rule calling it fail; an inherited file fails again in every version inheriting it),
 *     each with its own location; empty when there are none
 */
public record PackProblem(
    String pack,
    String file,
    int line,
    int column,
    @Nullable String rule,
    String message,
    List<PackProblem> followOns) {
  public PackProblem {
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    followOns = followOns == null ? List.of() : List.copyOf(followOns);
  }

  /** A problem with no follow-on errors. */
  public PackProblem(
      String pack, String file, int line, int column, @Nullable String rule, String message) {
    this(pack, file, line, column, rule, message, List.of());
  }

  /** This problem with {@code more} folded under it, after the follow-ons it has. */
  public PackProblem withFollowOns(List<PackProblem> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<PackProblem> all = new java.util.ArrayList<>(followOns);
    all.addAll(more);
    return new PackProblem(pack, file, line, column, rule, message, all);
  }

  /** {@code pack/file:line:column: rule "name": message} on one line, without the follow-ons. */
  public String headline() {
    StringBuilder b = new StringBuilder(pack).append('/').append(file);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    b.append(": ");
    if (rule != null) {
      b.append("rule \"").append(rule).append("\": ");
    }
    return b.append(message).toString();
  }

  /**
   * The {@linkplain #headline() headline}, then, when there are follow-on errors, their count and
   * each of them indented on a line of its own.
   */
  @Override
  public String toString() {
    if (followOns.isEmpty()) {
      return headline();
    }
    StringBuilder b = new StringBuilder(headline());
    b.append("\n    ")
        .append(followOns.size())
        .append(followOns.size() == 1 ? " follow-on error:" : " follow-on errors:");
    for (PackProblem f : followOns) {
      b.append("\n      ").append(f.headline());
    }
    return b.toString();
  }
}

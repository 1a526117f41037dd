package dev.creditrules.runtime;

import dev.creditrules.api.PackRef;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a loaded pack version.
 *
 * @param id {@code pack@version/name}, as outcomes cite it
 * @param pack the pack version
 * @param name the rule's name
 * @param metadata the rule's metadata ({@code measure}, {@code procedure}, {@code record}, {@code
 *     basis}, …), quotes removed
 * @param file where the rule is written, relative to its version's folder as problems name it
 *     ({@code general.drl}, {@code ../2014.10/sanctions.drl}, {@code grade-measures.csv}); empty
 *     when unknown (a precompiled pack)
 * @param line the rule's line in {@code file} (for a grade or decision table, its row), 0 when
 *     unknown
 */
public record RuleInfo(
    String id, PackRef pack, String name, Map<String, String> metadata, String file, int line) {
  public RuleInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    metadata = Map.copyOf(metadata);
  }

  /** The measure this rule concludes, or null. */
  public @Nullable String measure() {
    return metadata.get("measure");
  }
}

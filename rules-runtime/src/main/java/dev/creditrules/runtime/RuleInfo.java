package dev.creditrules.runtime;

import dev.creditrules.api.PackRef;
import java.util.Map;
import java.util.Objects;

/**
 * One rule of a loaded pack version.
 *
 * @param id {@code pack@version/name}, as outcomes cite it
 * @param pack the pack version
 * @param name the rule's name
 * @param metadata the rule's metadata ({@code measure}, {@code procedure}, {@code record}, {@code
 *     basis}, …), quotes removed
 */
public record RuleInfo(String id, PackRef pack, String name, Map<String, String> metadata) {
  public RuleInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pack, "pack");
    Objects.requireNonNull(name, "name");
    metadata = Map.copyOf(metadata);
  }

  /** The measure this rule concludes, or null. */
  public String measure() {
    return metadata.get("measure");
  }
}

package dev.creditrules.api;

import java.util.Objects;

/**
 * One pack version behind a decision.
 *
 * @param id the pack id, for example {@code tax}
 * @param version the version, for example {@code 2025.07}
 * @param digest {@code sha256:} and the hex digest of the pack's rule files in path order
 */
public record PackRef(String id, String version, String digest) {
  public PackRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(digest, "digest");
  }

  @Override
  public String toString() {
    return id + "@" + version;
  }
}

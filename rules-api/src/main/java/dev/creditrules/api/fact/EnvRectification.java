package dev.creditrules.api.fact;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A verified rectification of an environmental grade ({@code ENV_RECTIFICATION}).
 *
 * @param target the id of the ENV_GRADE
 */
public record EnvRectification(
    String id, String target, LocalDate verifiedOn, String authority, String documentNo)
    implements Fact {

  public EnvRectification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(verifiedOn, "verifiedOn");
  }

  @Override
  public FactType type() {
    return FactType.ENV_RECTIFICATION;
  }

  @Override
  public LocalDate datedOn() {
    return verifiedOn;
  }
}

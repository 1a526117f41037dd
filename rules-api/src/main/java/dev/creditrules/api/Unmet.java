package dev.creditrules.api;

import java.util.Objects;

/** One unmet repair condition. */
public record Unmet(UnmetCode code, String message) {
  public Unmet {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** The condition with its standard message. */
  public static Unmet of(UnmetCode code) {
    return new Unmet(code, code.message());
  }
}

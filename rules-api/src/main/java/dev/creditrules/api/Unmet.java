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
    return STANDARD[code.ordinal()];
  }

  /** Each code with its standard message: a repair entry cites them, made once. */
  private static final Unmet[] STANDARD = standard();

  private static Unmet[] standard() {
    UnmetCode[] codes = UnmetCode.values();
    Unmet[] out = new Unmet[codes.length];
    for (UnmetCode c : codes) {
      out[c.ordinal()] = new Unmet(c, c.message());
    }
    return out;
  }
}

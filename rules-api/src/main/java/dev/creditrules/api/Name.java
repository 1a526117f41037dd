package dev.creditrules.api;

import java.util.Objects;

/** A measure's name in Chinese and English. */
public record Name(String zh, String en) {
  public Name {
    Objects.requireNonNull(zh, "zh");
    Objects.requireNonNull(en, "en");
  }
}

package dev.creditrules.api;

import java.util.Objects;

/** The subject as echoed in a decision. */
public record SubjectRef(String id, SubjectType type) {
  public SubjectRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
  }
}

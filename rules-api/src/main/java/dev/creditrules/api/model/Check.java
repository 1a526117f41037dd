package dev.creditrules.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A contradiction between fields of one fact, or between a fact and others of its request: the
 * small declarative vocabulary of {@code checks:} in {@code types.yaml}. Each check reports at
 * {@link #field()}. A message, when given, replaces the generated reason; it may name fields in
 * braces ({@code {severity}}) for their values, {@code {field}} for the field checked.
 */
public sealed interface Check {

  /** The field the error points at. */
  String field();

  /** The reason to give instead of the generated one, or {@code null}. */
  String message();

  /** {@code field} (a date), when given, may not be before the date {@code than}. */
  record NotBefore(String field, String than, String message) implements Check {
    public NotBefore {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(than, "than");
    }
  }

  /**
   * {@code field} (a date) may not be before the first day of the record named by the reference
   * field {@code target} (its {@link FactTypeDecl#startField()}).
   */
  record NotBeforeTarget(String field, String target, String message) implements Check {
    public NotBeforeTarget {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(target, "target");
    }
  }

  /** {@code field} may be given only when {@code other} has one of {@code values}. */
  record OnlyWhen(String field, String other, List<String> values, String message)
      implements Check {
    public OnlyWhen {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(other, "other");
      values = List.copyOf(values);
    }
  }

  /** {@code field} (a boolean) may not be true while {@code with} is given. */
  record Exclusive(String field, String with, String message) implements Check {
    public Exclusive {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(with, "with");
    }
  }

  /**
   * No two facts of this type in a request may have the same values of {@code field} and {@code
   * also} (for a grade scheme: one grade per year).
   */
  record Unique(String field, List<String> also, String message) implements Check {
    public Unique {
      Objects.requireNonNull(field, "field");
      also = also == null ? List.of() : List.copyOf(also);
    }
  }

  /** The year in {@code field} must be over on the date {@code on}: year &lt; the year of {@code on}. */
  record YearOver(String field, String on, String message) implements Check {
    public YearOver {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(on, "on");
    }
  }
}

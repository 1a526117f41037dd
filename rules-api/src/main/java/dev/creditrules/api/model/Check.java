package dev.creditrules.api.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
  @Nullable String message();

  /** {@code field} (a date), when given, may not be before the date {@code than}. */
  record NotBefore(String field, String than, @Nullable String message) implements Check {
    public NotBefore {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(than, "than");
    }
  }

  /**
   * {@code field} (a date) may not be before the first day of the record named by the reference
   * field {@code target} (its {@link FactTypeDecl#startField()}).
   */
  record NotBeforeTarget(String field, String target, @Nullable String message) implements Check {
    public NotBeforeTarget {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(target, "target");
    }
  }

  /** {@code field} may be given only when {@code other} has one of {@code values}. */
  record OnlyWhen(String field, String other, List<String> values, @Nullable String message)
      implements Check {
    public OnlyWhen {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(other, "other");
      values = List.copyOf(values);
    }
  }

  /** {@code field} (a boolean) may not be true while {@code with} is given. */
  record Exclusive(String field, String with, @Nullable String message) implements Check {
    public Exclusive {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(with, "with");
    }
  }

  /**
   * No two facts of this type in a request may have the same values of {@code field} and {@code
   * also} (for a grade scheme: one grade per year).
   */
  record Unique(String field, List<String> also, @Nullable String message) implements Check {
    public Unique {
      Objects.requireNonNull(field, "field");
      also = also == null ? List.of() : List.copyOf(also);
    }
  }

  /**
   * The year in {@code field} must be over on the date {@code on}: year &lt; the year of {@code
   * on}.
   */
  record YearOver(String field, String on, @Nullable String message) implements Check {
    public YearOver {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(on, "on");
    }
  }

  /**
   * {@code field}, when given, is an error while {@code when} holds ({@code forbid:} in {@code
   * types.yaml}).
   */
  record Forbid(String field, Condition when, @Nullable String message) implements Check {
    public Forbid {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(when, "when");
    }
  }

  /**
   * {@code field} must be given (an empty list counts as not given) while {@code when} holds
   * ({@code require:}).
   */
  record Require(String field, Condition when, @Nullable String message) implements Check {
    public Require {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(when, "when");
    }
  }

  /**
   * The date {@code field} may not be after the last day of a term of {@code years} (an integer
   * field) years starting on the first given field of {@code start}: {@code L(start, 12·years)}.
   */
  record NotAfterTerm(String field, List<String> start, String years, @Nullable String message)
      implements Check {
    public NotAfterTerm {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(years, "years");
      start = List.copyOf(start);
    }
  }

  /**
   * The fact named by the reference {@code field} must have {@code that} equal to this fact's
   * {@code self}.
   */
  record SameAsTarget(String field, String self, String that, @Nullable String message)
      implements Check {
    public SameAsTarget {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(self, "self");
      Objects.requireNonNull(that, "that");
    }
  }
}

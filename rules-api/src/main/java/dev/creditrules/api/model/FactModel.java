package dev.creditrules.api.model;

import dev.creditrules.api.fact.Fact;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Every fact type a set of packs declares, in declaration order (pack folders in code-point order,
 * then the order of each {@code types.yaml}). Immutable and thread-safe.
 */
public final class FactModel {
  /** The package of the classes rules match on: {@code dev.creditrules.facts.HarbourListing}. */
  public static final String FACT_PACKAGE = "dev.creditrules.facts";

  private final List<FactTypeDecl> types;
  private final Map<String, FactTypeDecl> byName;
  private final boolean disputes;

  /** A model of these types; names must be unique. */
  public FactModel(List<FactTypeDecl> types) {
    this.types = List.copyOf(types);
    Map<String, FactTypeDecl> map = new LinkedHashMap<>();
    for (FactTypeDecl t : this.types) {
      if (map.putIfAbsent(t.name(), t) != null) {
        throw new IllegalArgumentException("fact type " + t.name() + " is declared twice");
      }
    }
    this.byName = Collections.unmodifiableMap(map);
    this.disputes = this.types.stream().anyMatch(t -> t.dispute() != null);
  }

  /** True when some type has a dispute role (a decision then works out what disputes do). */
  public boolean hasDisputeRoles() {
    return disputes;
  }

  /** The types, in declaration order. */
  public List<FactTypeDecl> types() {
    return types;
  }

  /** The type names, in declaration order. */
  public List<String> typeNames() {
    return new ArrayList<>(byName.keySet());
  }

  /** The type {@code name}, or {@code null} when no pack declares it. */
  public @Nullable FactTypeDecl type(String name) {
    return byName.get(name);
  }

  /** The declaration of {@code fact}'s type; throws when it has none. */
  public FactTypeDecl typeOf(Fact fact) {
    FactTypeDecl t = byName.get(fact.type());
    if (t == null) {
      throw new IllegalArgumentException("no pack declares fact type " + fact.type());
    }
    return t;
  }

  /** The types whose facts may grant repairs. */
  public List<FactTypeDecl> grantTypes() {
    return types.stream().filter(t -> t.grant() != null).toList();
  }

  /**
   * A builder of a fact of {@code type} that checks each value against the declaration as it is set
   * (an {@link IllegalArgumentException} naming the field), and required fields on {@link
   * FactBuilder#build()}.
   *
   * @throws IllegalArgumentException when no pack declares {@code type}
   */
  public FactBuilder builder(String type, String id) {
    FactTypeDecl t = byName.get(Objects.requireNonNull(type, "type"));
    if (t == null) {
      throw new IllegalArgumentException(
          "unknown fact type " + type + "; expected one of " + String.join(", ", byName.keySet()));
    }
    return new FactBuilder(t, id);
  }
}

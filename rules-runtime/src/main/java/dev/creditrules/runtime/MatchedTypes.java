package dev.creditrules.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.base.base.ObjectType;
import org.drools.core.impl.InternalRuleBase;
import org.jspecify.annotations.Nullable;
import org.kie.api.KieBase;

/**
 * The classes a knowledge base's rules can match (its object-type nodes). Inserting an object no
 * pattern can match only costs time, so sessions receive just the facts their pack can see. When
 * the knowledge base's internals cannot be read, every class is accepted.
 */
final class MatchedTypes {
  /** Null when the knowledge base does not show its patterns: then every type is accepted. */
  private final @Nullable List<ObjectType> types;

  private final Map<Class<?>, Boolean> cache = new ConcurrentHashMap<>();

  private MatchedTypes(@Nullable List<ObjectType> types) {
    this.types = types;
  }

  static MatchedTypes of(KieBase base) {
    if (!(base instanceof InternalRuleBase internal)) {
      return new MatchedTypes(null);
    }
    List<ObjectType> types = new ArrayList<>();
    internal
        .getRete()
        .getEntryPointNodes()
        .values()
        .forEach(ep -> types.addAll(ep.getObjectTypeNodes().keySet()));
    return new MatchedTypes(List.copyOf(types));
  }

  /** True when some pattern of the knowledge base can match an object of {@code type}. */
  boolean accepts(Class<?> type) {
    List<ObjectType> patterns = types;
    if (patterns == null) {
      return true;
    }
    Boolean known = cache.get(type);
    if (known != null) {
      return known;
    }
    return cache.computeIfAbsent(type, c -> patterns.stream().anyMatch(t -> t.isAssignableFrom(c)));
  }
}

package dev.creditrules.runtime;

import dev.creditrules.api.fact.AdminPenalty;
import dev.creditrules.api.fact.CreditCommitment;
import dev.creditrules.api.fact.EnvGrade;
import dev.creditrules.api.fact.EnvRectification;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.fact.FactType;
import dev.creditrules.api.fact.JudgmentDefaulter;
import dev.creditrules.api.fact.LaborGrade;
import dev.creditrules.api.fact.MajorLaborViolation;
import dev.creditrules.api.fact.RepairGranted;
import dev.creditrules.api.fact.ResearchMisconduct;
import dev.creditrules.api.fact.TaxGrade;
import dev.creditrules.api.fact.TaxSeriousListing;
import dev.creditrules.api.fact.WageArrearsCase;
import dev.creditrules.api.fact.WageArrearsListing;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a fact's field by its contract name, for the {@code select.*} of layer packs. The
 * accessors are looked up once per type; reading one is a method-handle call, not reflection.
 */
final class FactFields {
  private static final Map<FactType, Class<? extends Fact>> CLASSES = new EnumMap<>(FactType.class);
  // each record accessor as a method handle (Fact -> Object): matching calls no reflection
  private static final Map<FactType, Map<String, MethodHandle>> HANDLES = new EnumMap<>(FactType.class);

  static {
    CLASSES.put(FactType.ADMIN_PENALTY, AdminPenalty.class);
    CLASSES.put(FactType.CREDIT_COMMITMENT, CreditCommitment.class);
    CLASSES.put(FactType.REPAIR_GRANTED, RepairGranted.class);
    CLASSES.put(FactType.TAX_GRADE, TaxGrade.class);
    CLASSES.put(FactType.TAX_SERIOUS_LISTING, TaxSeriousListing.class);
    CLASSES.put(FactType.LABOR_GRADE, LaborGrade.class);
    CLASSES.put(FactType.WAGE_ARREARS_LISTING, WageArrearsListing.class);
    CLASSES.put(FactType.WAGE_ARREARS_CASE, WageArrearsCase.class);
    CLASSES.put(FactType.MAJOR_LABOR_VIOLATION, MajorLaborViolation.class);
    CLASSES.put(FactType.ENV_GRADE, EnvGrade.class);
    CLASSES.put(FactType.ENV_RECTIFICATION, EnvRectification.class);
    CLASSES.put(FactType.RESEARCH_MISCONDUCT, ResearchMisconduct.class);
    CLASSES.put(FactType.JUDGMENT_DEFAULTER, JudgmentDefaulter.class);
    CLASSES.forEach(
        (type, cls) -> {
          Map<String, MethodHandle> handles = new HashMap<>();
          for (RecordComponent c : cls.getRecordComponents()) {
            try {
              handles.put(
                  c.getName(),
                  MethodHandles.publicLookup()
                      .unreflect(c.getAccessor())
                      .asType(MethodType.methodType(Object.class, Fact.class)));
            } catch (IllegalAccessException e) {
              throw new ExceptionInInitializerError(e);
            }
          }
          HANDLES.put(type, Map.copyOf(handles));
        });
  }

  private FactFields() {}

  /** True when facts of {@code type} have a field named {@code field}. */
  static boolean has(FactType type, String field) {
    return HANDLES.get(type).containsKey(field);
  }

  /** True when every selected field of {@code fact} equals the given text. */
  static boolean matches(Fact fact, Map<String, String> select) {
    for (Map.Entry<String, String> e : select.entrySet()) {
      MethodHandle m = HANDLES.get(fact.type()).get(e.getKey());
      if (m == null) {
        return false;
      }
      try {
        Object value = (Object) m.invokeExact(fact);
        boolean same =
            value instanceof Enum<?> constant
                ? constant.name().equalsIgnoreCase(e.getValue())
                : Objects.equals(value == null ? null : value.toString(), e.getValue());
        if (!same) {
          return false;
        }
      } catch (RuntimeException | Error ex) {
        throw ex;
      } catch (Throwable ex) {
        throw new IllegalStateException("cannot read " + e.getKey() + " of " + fact.id(), ex);
      }
    }
    return true;
  }
}

package dev.creditrules.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditrules.json.jackson.ContractTrees;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: no Jackson type in the signatures of {@code dev.creditrules.json}; it reads and writes
 * strings, streams and the API's records. The Jackson binding is {@code
 * dev.creditrules.json.jackson}, reached through {@link ContractJson#trees()} alone.
 */
class ApiSignaturesTest {
  private static final List<Class<?>> PUBLIC_TYPES =
      List.of(
          ContractJson.class,
          Limits.class,
          RequestDigest.class,
          RequestSchema.class,
          TimelineRequest.class,
          ExplanationRequest.class,
          InvalidDecisionException.class);

  @Test
  void noPublicSignatureOfThePackageNamesAJacksonType() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : PUBLIC_TYPES) {
      assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isTrue();
      Stream.<Executable>concat(
              Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()))
          .filter(
              e -> Modifier.isPublic(e.getModifiers()) || Modifier.isProtected(e.getModifiers()))
          .forEach(e -> check(e, leaks));
      for (Field f : type.getDeclaredFields()) {
        if (Modifier.isPublic(f.getModifiers())) {
          checkType(f.toString(), f.getGenericType(), leaks);
        }
      }
      if (type.isRecord()) {
        for (RecordComponent c : type.getRecordComponents()) {
          checkType(c.toString(), c.getGenericType(), leaks);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void theBindingIsReachedThroughTreesOnly() throws Exception {
    List<String> binding = new ArrayList<>();
    for (Class<?> type : PUBLIC_TYPES) {
      for (Method m : type.getMethods()) {
        if (m.getReturnType().getPackageName().startsWith("dev.creditrules.json.jackson")
            || Stream.of(m.getParameterTypes())
                .anyMatch(p -> p.getPackageName().startsWith("dev.creditrules.json.jackson"))) {
          binding.add(type.getSimpleName() + "." + m.getName());
        }
      }
    }
    assertThat(binding).containsExactly("ContractJson.trees");
    assertThat(ContractJson.class.getMethod("trees").getReturnType())
        .isEqualTo(ContractTrees.class);
  }

  private static void check(Executable e, List<String> leaks) {
    if (e instanceof Method m) {
      checkType(e.toGenericString(), m.getGenericReturnType(), leaks);
    }
    for (Type p : e.getGenericParameterTypes()) {
      checkType(e.toGenericString(), p, leaks);
    }
    for (Type x : e.getGenericExceptionTypes()) {
      checkType(e.toGenericString(), x, leaks);
    }
  }

  private static void checkType(String where, Type type, List<String> leaks) {
    if (type.getTypeName().contains("com.fasterxml")) {
      leaks.add(where);
    }
  }
}

package dev.creditrules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: no engine type in the runtime's API. No public or protected member of a public type of
 * {@code dev.creditrules.runtime} names a Drools or KIE type; the one seam that must ({@code
 * SessionObserver}, for the benchmarks) is in the {@code internal} package, left out of the
 * Javadoc.
 */
class ApiSignaturesTest {

  @Test
  void noPublicSignatureOfTheRuntimeNamesADroolsType() throws Exception {
    List<Class<?>> types = publicTypes();
    assertThat(types).contains(CreditRulesEngine.class, LivePacks.class, DecisionListener.class);
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : types) {
      if (type.getSuperclass() != null) {
        checkType(type.getName() + " extends", type.getGenericSuperclass(), leaks);
      }
      for (Type i : type.getGenericInterfaces()) {
        checkType(type.getName() + " implements", i, leaks);
      }
      Stream.<Executable>concat(
              Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()))
          .filter(
              e -> Modifier.isPublic(e.getModifiers()) || Modifier.isProtected(e.getModifiers()))
          .filter(e -> !e.isSynthetic())
          .forEach(e -> check(e, leaks));
      for (Field f : type.getDeclaredFields()) {
        if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
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

  /** The public top-level and nested types of the package, from its compiled classes. */
  private static List<Class<?>> publicTypes() throws IOException, URISyntaxException {
    Path root =
        Path.of(
            CreditRulesEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = root.resolve("dev/creditrules/runtime");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = f.getFileName().toString();
        Class<?> c;
        try {
          c =
              Class.forName(
                  "dev.creditrules.runtime." + name.substring(0, name.length() - 6),
                  false,
                  ApiSignaturesTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        if (isVisible(c)) {
          types.add(c);
        }
      }
    }
    return types;
  }

  private static boolean isVisible(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
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
    String name = type.getTypeName();
    if (name.contains("org.kie.") || name.contains("org.drools.")) {
      leaks.add(where);
    }
  }
}

package dev.creditrules.runtime;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.IFNONNULL;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.V17;

import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FactModel;
import dev.creditrules.api.model.FactTypeDecl;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.pack.FactObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The classes rules match on, generated from a {@link FactModel}: for each declared type a final
 * class {@code dev.creditrules.facts.<class>} extending {@link FactObject}, with a private final
 * field, a record-style accessor ({@code decidedOn()}) and a bean getter ({@code getDecidedOn()})
 * for every declared field. They live in one class loader per model, the parent of every Drools
 * builder and knowledge base compiled against that model, so that every pack of an engine sees the
 * same classes. The loader also serves their bytes as {@code .class} resources, which Drools' Java
 * compiler reads to compile consequences and functions.
 *
 * <p>A fact of a request becomes an instance with {@link #instance(Fact)}: its values in
 * declaration order, missing defaulted fields at their default. Immutable and thread-safe.
 */
final class FactClasses {
  private static final String BASE = Type.getInternalName(FactObject.class);

  private final FactModel model;
  private final Loader loader;
  private final Map<String, Shape> shapes = new HashMap<>();

  /** One type's class: its constructor {@code (Object[]) -> FactObject} and its fields. */
  private record Shape(
      FactTypeDecl type, Class<?> cls, MethodHandle constructor, Object[] defaults) {}

  private FactClasses(FactModel model, ClassLoader parent) {
    this.model = model;
    Map<String, byte[]> bytes = new HashMap<>();
    for (FactTypeDecl t : model.types()) {
      bytes.put(FactModel.FACT_PACKAGE + "." + t.className(), generate(t));
    }
    this.loader = new Loader(parent, bytes);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    for (FactTypeDecl t : model.types()) {
      try {
        Class<?> cls = loader.loadClass(FactModel.FACT_PACKAGE + "." + t.className());
        MethodHandle ctor =
            lookup
                .findConstructor(cls, MethodType.methodType(void.class, Fact.class, Object[].class))
                .asType(MethodType.methodType(FactObject.class, Fact.class, Object[].class));
        Object[] defaults = new Object[t.fields().size()];
        for (int i = 0; i < defaults.length; i++) {
          defaults[i] = t.fields().get(i).defaultValue();
        }
        shapes.put(t.name(), new Shape(t, cls, ctor, defaults));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot load the generated class of " + t.name(), e);
      }
    }
  }

  /** The classes of {@code model}, in a class loader whose parent is {@code parent}. */
  static FactClasses of(FactModel model, ClassLoader parent) {
    return new FactClasses(model, parent);
  }

  /** The model the classes were generated from. */
  FactModel model() {
    return model;
  }

  /** The class loader holding the classes: the parent of every builder and base over them. */
  ClassLoader loader() {
    return loader;
  }

  /** The class of fact type {@code type}, or {@code null} when it is not declared. */
  @Nullable Class<?> classOf(String type) {
    Shape s = shapes.get(type);
    return s == null ? null : s.cls();
  }

  /** A new instance of the class of {@code fact}'s type holding its values. */
  FactObject instance(Fact fact) {
    Shape s = shapes.get(fact.type());
    if (s == null) {
      throw new IllegalArgumentException("no pack declares fact type " + fact.type());
    }
    try {
      // the generated constructor reads each declared field from the fact, or its default
      return (FactObject) s.constructor().invokeExact(fact, s.defaults());
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot make a " + fact.type(), e);
    }
  }

  /**
   * {@code o} as an explanation shows what a rule saw: an instance of a generated class as its
   * class name, id and every declared field, then authority and documentNo ({@code
   * HarbourListing[id=p, listedOn=2020-06-01, ..., authority=null, documentNo=null]}, as the
   * records did before the classes were generated); anything else by its {@code toString}.
   */
  String describe(Object o) {
    Shape s = o instanceof FactObject f ? shapes.get(f.type()) : null;
    if (s == null || s.cls() != o.getClass()) {
      return String.valueOf(o);
    }
    FactObject f = (FactObject) o;
    StringBuilder b = new StringBuilder(s.type().className()).append("[id=").append(f.id());
    for (FieldDecl field : s.type().fields()) {
      Object value;
      try {
        value = s.cls().getMethod(field.javaName()).invoke(o);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + field.name() + " of " + f, e);
      }
      b.append(", ").append(field.name()).append('=').append(value);
    }
    return b.append(", authority=")
        .append(f.authority())
        .append(", documentNo=")
        .append(f.documentNo())
        .append(']')
        .toString();
  }

  /** The Java type of a field's values. */
  static Class<?> javaType(FieldDecl f) {
    switch (f.kind()) {
      case DATE:
        return LocalDate.class;
      case INTEGER:
        return Integer.class;
      case DECIMAL:
        return BigDecimal.class;
      case BOOLEAN:
        return Boolean.class;
      case ENUMERATION_LIST:
        return List.class;
      default:
        return String.class;
    }
  }

  /** The bytes of the class of {@code t}. */
  private static byte[] generate(FactTypeDecl t) {
    String name = (FactModel.FACT_PACKAGE + "." + t.className()).replace('.', '/');
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
    cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, BASE, null);
    cw.visitSource(t.pack() + "/types.yaml", null);
    for (FieldDecl f : t.fields()) {
      cw.visitField(
              ACC_PRIVATE | ACC_FINAL, f.javaName(), Type.getDescriptor(javaType(f)), null, null)
          .visitEnd();
    }
    // public <init>(Fact f, Object[] d) {
    //   super(f.id(), f.type(), (String) f.get("authority"), (String) f.get("documentNo"));
    //   Object v = f.get("<field i>"); this.<field i> = (T) (v != null ? v : d[i]); ... }
    // (one read per field, no array per instance: d is the type's shared defaults)
    String fact = Type.getInternalName(Fact.class);
    MethodVisitor init =
        cw.visitMethod(ACC_PUBLIC, "<init>", "(L" + fact + ";[Ljava/lang/Object;)V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitVarInsn(ALOAD, 1);
    init.visitMethodInsn(INVOKEVIRTUAL, fact, "id", "()Ljava/lang/String;", false);
    init.visitVarInsn(ALOAD, 1);
    init.visitMethodInsn(INVOKEVIRTUAL, fact, "type", "()Ljava/lang/String;", false);
    for (String common : new String[] {"authority", "documentNo"}) {
      init.visitVarInsn(ALOAD, 1);
      init.visitLdcInsn(common);
      init.visitMethodInsn(
          INVOKEVIRTUAL, fact, "get", "(Ljava/lang/String;)Ljava/lang/Object;", false);
      init.visitTypeInsn(CHECKCAST, "java/lang/String");
    }
    init.visitMethodInsn(
        INVOKESPECIAL,
        BASE,
        "<init>",
        "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)V",
        false);
    List<FieldDecl> fields = t.fields();
    for (int i = 0; i < fields.size(); i++) {
      FieldDecl f = fields.get(i);
      Class<?> type = javaType(f);
      init.visitVarInsn(ALOAD, 1);
      init.visitLdcInsn(f.name());
      init.visitMethodInsn(
          INVOKEVIRTUAL, fact, "get", "(Ljava/lang/String;)Ljava/lang/Object;", false);
      init.visitVarInsn(ASTORE, 3);
      Label given = new Label();
      init.visitVarInsn(ALOAD, 3);
      init.visitJumpInsn(IFNONNULL, given);
      init.visitVarInsn(ALOAD, 2);
      init.visitLdcInsn(i);
      init.visitInsn(AALOAD);
      init.visitVarInsn(ASTORE, 3);
      init.visitLabel(given);
      init.visitVarInsn(ALOAD, 0);
      init.visitVarInsn(ALOAD, 3);
      init.visitTypeInsn(CHECKCAST, Type.getInternalName(type));
      init.visitFieldInsn(PUTFIELD, name, f.javaName(), Type.getDescriptor(type));
    }
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    for (FieldDecl f : fields) {
      String descriptor = Type.getDescriptor(javaType(f));
      // the accessors rules use: the JSON name, or the declared java name for a keyword
      String java = f.javaName();
      String getter = "get" + Character.toUpperCase(java.charAt(0)) + java.substring(1);
      for (String method : new String[] {java, getter}) {
        MethodVisitor m = cw.visitMethod(ACC_PUBLIC, method, "()" + descriptor, null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 0);
        m.visitFieldInsn(GETFIELD, name, java, descriptor);
        m.visitInsn(ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
      }
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** Defines the generated classes and serves their bytes as resources. */
  private static final class Loader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final Map<String, byte[]> bytes;
    private final Map<String, byte[]> resources = new HashMap<>();

    Loader(ClassLoader parent, Map<String, byte[]> bytes) {
      super("credit-rules-facts", parent);
      this.bytes = Map.copyOf(bytes);
      bytes.forEach((cls, b) -> resources.put(cls.replace('.', '/') + ".class", b));
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = bytes.get(name);
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      byte[] b = resources.get(name);
      return b != null ? new ByteArrayInputStream(b) : super.getResourceAsStream(name);
    }

    /** Compilers also ask for a URL (to tell a class from a package). */
    @Override
    protected @Nullable URL findResource(String name) {
      byte[] b = resources.get(name);
      if (b == null) {
        return null;
      }
      try {
        return new URL(
            null,
            "credit-rules-facts:/" + name,
            new URLStreamHandler() {
              @Override
              protected URLConnection openConnection(URL u) {
                return new URLConnection(u) {
                  @Override
                  public void connect() {}

                  @Override
                  public InputStream getInputStream() {
                    return new ByteArrayInputStream(b);
                  }
                };
              }
            });
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}

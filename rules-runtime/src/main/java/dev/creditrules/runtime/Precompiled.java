package dev.creditrules.runtime;

import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.pack.tree.PackFolder;
import dev.creditrules.pack.tree.PackReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.util.Drools;
import org.jspecify.annotations.Nullable;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packs compiled at build time. The {@code rules-drl} build runs {@link #main} over its packs and
 * ships, beside {@code credit-rules/packs/}, a file {@code
 * credit-rules/compiled/<id>/<version>.bin} per version: the knowledge packages Drools compiled
 * (rules, consequence bytecode), in Drools' own serialized form. Loading a pack from the class path
 * reads that file instead of parsing and compiling the DRL, which takes most of the start-up time.
 *
 * <p>A file is used only when it was written by this format, by the same Drools version, and for
 * the same pack digest (which covers what the version inherits, so an edited pack or an edited
 * ancestor is never served from a stale file); otherwise the pack is compiled from its DRL, as
 * packs from a directory always are. The sandbox and metadata checks run on both paths.
 */
public final class Precompiled {
  private static final Logger LOG = LoggerFactory.getLogger(Precompiled.class);
  static final String ROOT = "credit-rules/compiled";
  private static final String FORMAT = "credit-rules-compiled/1";

  private Precompiled() {}

  /** The class-path resource of a pack version's compiled packages. */
  static String resource(String id, String version) {
    return ROOT + "/" + id + "/" + version + ".bin";
  }

  /**
   * Compiles every pack under {@code args[0]} (laid out {@code <id>/<version>/}) and writes the
   * compiled packages under {@code args[1]}. Exits with status 1 and the problems on a pack that
   * does not compile.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: Precompiled <packs-dir> <out-dir>");
      System.exit(2);
    }
    Path out = Path.of(args[1]);
    List<PackProblem> problems = new ArrayList<>();
    FactClasses classes;
    try {
      classes =
          FactClasses.of(
              FactModelReader.read(PackReader.declarations(Path.of(args[0]))),
              PackCompiler.loader());
    } catch (PackException e) {
      e.problems().forEach(p -> System.err.println(p));
      System.exit(1);
      return;
    }
    Map<String, String> declarations = PackReader.declarations(Path.of(args[0]));
    for (PackVersion version :
        PackVersion.resolve(PackReader.directory(Path.of(args[0])), declarations)) {
      PackFolder folder = version.folder();
      CompiledPack pack = PackCompiler.compile(version, classes, problems);
      if (pack == null) {
        continue;
      }
      Path file = out.resolve(resource(folder.id(), folder.version()).substring(ROOT.length() + 1));
      Files.createDirectories(file.getParent());
      try (OutputStream os = Files.newOutputStream(file)) {
        write(pack, os);
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println(p));
      System.exit(1);
    }
  }

  static void write(CompiledPack pack, OutputStream os) throws IOException {
    try (ObjectOutputStream out = new DroolsObjectOutputStream(os)) {
      out.writeUTF(FORMAT);
      out.writeUTF(Drools.getFullVersion());
      out.writeUTF(pack.digest());
      out.writeObject(new ArrayList<>(pack.packages()));
    }
  }

  /**
   * The compiled packages of {@code folder} (whose digest is {@code digest}) from {@code in}, or
   * null (logged) when the file is of another format, Drools version or pack digest, or cannot be
   * read.
   */
  @SuppressWarnings("unchecked")
  private static @Nullable Collection<KiePackage> read(
      InputStream in, PackFolder folder, String digest, ClassLoader loader) {
    try (ObjectInputStream ois = new DroolsObjectInputStream(in, loader)) {
      String format = ois.readUTF();
      String drools = ois.readUTF();
      String written = ois.readUTF();
      if (!FORMAT.equals(format) || !Drools.getFullVersion().equals(drools)) {
        LOG.info(
            "pack {}: compiled file is {} by Drools {}; compiling the DRL",
            folder.key(),
            format,
            drools);
        return null;
      }
      if (!digest.equals(written)) {
        LOG.info("pack {}: compiled file is for {}; compiling the DRL", folder.key(), written);
        return null;
      }
      return (List<KiePackage>) ois.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      LOG.warn(
          "pack {}: compiled file unreadable ({}); compiling the DRL", folder.key(), e.toString());
      return null;
    }
  }

  /**
   * The compiled packages of a class-path pack whose digest is {@code digest}, or null when none
   * ship or they do not match; their classes are resolved in {@code factClasses} (the loader of the
   * fact classes, whose parent sees the library).
   */
  static @Nullable Collection<KiePackage> find(
      ClassLoader loader, PackFolder folder, String digest, ClassLoader factClasses) {
    try (InputStream in = loader.getResourceAsStream(resource(folder.id(), folder.version()))) {
      return in == null ? null : read(in, folder, digest, factClasses);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

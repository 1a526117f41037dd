package dev.creditrules.runtime;

import dev.creditrules.api.PackException;
import dev.creditrules.api.PackProblem;
import dev.creditrules.pack.tree.FactModelReader;
import dev.creditrules.pack.tree.PackFolder;
import dev.creditrules.pack.tree.PackReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
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
  private static final String FORMAT = "credit-rules-compiled/2";

  private static final String FORMATS = "credit-rules-compiled/";

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

  /**
   * Writes the format, the Drools version, the pack digest, the SHA-256 and length of the payload,
   * then the payload: the packages in Drools' serialized form. The checksum lets a reader refuse a
   * file that was cut or garbled instead of deserializing whatever it holds.
   */
  static void write(CompiledPack pack, OutputStream os) throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new DroolsObjectOutputStream(payload)) {
      out.writeObject(new ArrayList<>(pack.packages()));
    }
    byte[] bytes = payload.toByteArray();
    DataOutputStream out = new DataOutputStream(os);
    out.writeUTF(FORMAT);
    out.writeUTF(Drools.getFullVersion());
    out.writeUTF(pack.digest());
    out.writeUTF(sha256(bytes));
    out.writeInt(bytes.length);
    out.write(bytes);
    out.flush();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The compiled packages of {@code folder} (whose digest is {@code digest}) from {@code in}, or
   * null: logged when the file is cleanly of another format, Drools version or pack digest (the DRL
   * is compiled then), or with a problem naming the pack and {@code file} when the file is damaged
   * (cut, garbled, checksum mismatch, does not deserialize): it is refused, never served.
   */
  @SuppressWarnings("unchecked")
  private static @Nullable Collection<KiePackage> read(
      InputStream in,
      PackFolder folder,
      String digest,
      ClassLoader loader,
      String file,
      List<PackProblem> problems) {
    String key = folder.key();
    try {
      byte[] all = in.readAllBytes();
      if (all.length >= 2 && all[0] == (byte) 0xAC && all[1] == (byte) 0xED) {
        // Java serialization's magic: format 1, written before the checksum (a stale build)
        LOG.info("pack {}: compiled file is of format 1; compiling the DRL", key);
        return null;
      }
      DataInputStream data = new DataInputStream(new ByteArrayInputStream(all));
      String format = data.readUTF();
      if (!format.startsWith(FORMATS)) {
        problems.add(damaged(key, file, "it does not start with a credit-rules-compiled header"));
        return null;
      }
      String drools = data.readUTF();
      String written = data.readUTF();
      if (!FORMAT.equals(format) || !Drools.getFullVersion().equals(drools)) {
        LOG.info(
            "pack {}: compiled file is {} by Drools {}; compiling the DRL", key, format, drools);
        return null;
      }
      if (!digest.equals(written)) {
        LOG.info("pack {}: compiled file is for {}; compiling the DRL", key, written);
        return null;
      }
      String checksum = data.readUTF();
      int length = data.readInt();
      if (length < 0) {
        problems.add(damaged(key, file, "its payload length is " + length));
        return null;
      }
      byte[] payload = data.readNBytes(length);
      if (payload.length != length) {
        problems.add(
            damaged(key, file, "it is cut: " + payload.length + " of " + length + " bytes"));
        return null;
      }
      if (data.read() != -1) {
        problems.add(damaged(key, file, "it holds bytes after its payload"));
        return null;
      }
      if (!sha256(payload).equals(checksum)) {
        problems.add(damaged(key, file, "its payload does not match its SHA-256"));
        return null;
      }
      try (ObjectInputStream ois =
          new DroolsObjectInputStream(new ByteArrayInputStream(payload), loader)) {
        return (List<KiePackage>) ois.readObject();
      }
    } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
      problems.add(damaged(key, file, "it does not read: " + e));
      return null;
    }
  }

  private static PackProblem damaged(String key, String file, String why) {
    return new PackProblem(
        key,
        file,
        0,
        0,
        null,
        "the precompiled pack is damaged, refused: "
            + why
            + ". Reinstall the rules-drl jar (or rebuild it); nothing is served from this file");
  }

  /**
   * The compiled packages of a class-path pack whose digest is {@code digest}, or null when none
   * ship, they do not match (stale) or the file is damaged (then with a problem added to {@code
   * problems}, naming the pack and the file's URL); their classes are resolved in {@code
   * factClasses} (the loader of the fact classes, whose parent sees the library).
   */
  static @Nullable Collection<KiePackage> find(
      ClassLoader loader,
      PackFolder folder,
      String digest,
      ClassLoader factClasses,
      List<PackProblem> problems) {
    String resource = resource(folder.id(), folder.version());
    URL url = loader.getResource(resource);
    if (url == null) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      return read(in, folder, digest, factClasses, url.toString(), problems);
    } catch (IOException e) {
      problems.add(damaged(folder.key(), url.toString(), "it does not read: " + e));
      return null;
    }
  }
}

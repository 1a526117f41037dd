package dev.creditrules.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code credit-rules token --token-file FILE --name NAME}: a new bearer token for {@code serve}.
 * Prints the token once on stdout and appends only its SHA-256 to FILE (created with mode 0600).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "token",
    description = {
      "Generates a bearer token for serve --token-file: 32 random bytes, Base64url.",
      "Prints the token once on stdout and appends '<name> sha256:<hex>' to FILE",
      "(created with mode 0600 when missing). The token itself is stored nowhere."
    })
final class TokenCommand implements Callable<Integer> {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Spec CommandSpec spec;

  @Option(
      names = "--token-file",
      required = true,
      paramLabel = "FILE",
      description = "the token file serve reads")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  Path file;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "who the token is for (letters, digits, . _ @ -; at most 64), unique in FILE")
  @SuppressWarnings("NullAway.Init") // required: picocli sets it before call()
  String name;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!TokenFile.NAME.matcher(name).matches()) {
      err.println(
          "credit-rules: --name must be 1 to 64 letters, digits, '.', '_', '@' or '-' but was '"
              + name
              + "'");
      return Main.INTERNAL_ERROR;
    }
    try {
      if (Files.exists(file)) {
        for (TokenFile.Entry e :
            TokenFile.parse(file, Files.readAllLines(file, StandardCharsets.UTF_8))) {
          if (e.name().equals(name)) {
            err.println(
                "credit-rules: --token-file "
                    + file
                    + " already has a token named '"
                    + name
                    + "'; remove its line first to replace it");
            return Main.INTERNAL_ERROR;
          }
        }
      } else {
        create(file);
      }
      byte[] random = new byte[32];
      RANDOM.nextBytes(random);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      String line = name + " sha256:" + HexFormat.of().formatHex(TokenFile.sha256(token)) + "\n";
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      out.println(token);
      out.flush();
      return Main.DECIDED;
    } catch (IllegalArgumentException e) {
      err.println("credit-rules: " + e.getMessage());
      return Main.INTERNAL_ERROR;
    } catch (IOException e) {
      err.println("credit-rules: --token-file " + file + ": cannot write it: " + e);
      return Main.INTERNAL_ERROR;
    }
  }

  private static void create(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system: its own access control applies
    } catch (FileAlreadyExistsException e) {
      // created meanwhile: appended to below
    }
  }
}

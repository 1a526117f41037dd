package dev.creditrules.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.creditrules.api.CreditRules;
import dev.creditrules.api.Decision;
import dev.creditrules.api.InvalidRequestException;
import dev.creditrules.api.PackRef;
import dev.creditrules.api.Request;
import dev.creditrules.api.SubjectType;
import dev.creditrules.json.ContractJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Re-evaluates logged records with the pack versions named by their digests and says, for each,
 * whether the same result comes out: proof that a decision can be reproduced.
 *
 * <p>For each record: the stored input is taken (decrypted with the {@link RequestCipher} when it
 * was encrypted) and checked against the record's input digest; every pack version the deciding
 * engine had loaded is looked up by digest in the {@link PackLibrary}; an engine over exactly those
 * versions is built (once per distinct set) by the engine factory; the input is read and decided
 * again; the new result's exact JSON bytes ({@code ContractJson}) are compared with the logged
 * result digest. A record logged before decisions carried {@code nextChangeOn} (its decision has no
 * such key) is compared with the new decision as it would have been written then, without the key:
 * everything else must be the same. A record that has the key compares it like any field. A record
 * is
 *
 * <ul>
 *   <li>{@link Status#REPRODUCED} when the bytes are equal (a rejection: the same errors);
 *   <li>{@link Status#DIFFERENT} when they are not; the message names the first differing JSON
 *       pointers (masked as logged);
 *   <li>{@link Status#NOT_STORED} when its input was left out of the log by the sink's {@link
 *       RequestStorage} policy ({@code NONE}, or {@code ORGANISATIONS} for a natural person): the
 *       masked result and the digests remain as evidence, and nothing is wrong with the record;
 *   <li>{@link Status#NOT_REPRODUCIBLE} when it cannot be re-evaluated although it should: a pack
 *       version not found ({@code pack tax@2025.07 sha256:… not found}), an input missing where the
 *       policy keeps it (an organisation's under {@code ORGANISATIONS}), damaged or not
 *       decryptable, an input that does not match its digest, a line that is not a record.
 * </ul>
 *
 * <p>Temporary pack folders live under one directory deleted by {@link #close()}. Not thread-safe.
 */
public final class Replayer implements AutoCloseable {
  /** The verdict on one record. */
  public enum Status {
    /** The same bytes came out. */
    REPRODUCED,
    /** Something else came out. */
    DIFFERENT,
    /** It could not be re-evaluated although it should have been. */
    NOT_REPRODUCIBLE,
    /** Its input was not stored, by the sink's {@link RequestStorage} policy. */
    NOT_STORED
  }

  /**
   * The verdict on one record.
   *
   * @param line the 1-based line in the log
   * @param decisionId the record's id, {@code null} when the line is not a record
   * @param status the verdict
   * @param message why, for anything but {@link Status#REPRODUCED}; never personal data
   */
  public record Result(
      long line, @Nullable String decisionId, Status status, @Nullable String message) {
    /** One line for a report: {@code line 3 <id>: DIFFERENT: …}. */
    public String text() {
      return "line "
          + line
          + " "
          + (decisionId == null ? "-" : decisionId)
          + ": "
          + status
          + (message == null ? "" : ": " + message);
    }
  }

  /**
   * Counts of a run.
   *
   * @param records records (lines that are not blank)
   * @param reproduced {@link Status#REPRODUCED}
   * @param different {@link Status#DIFFERENT}
   * @param notReproducible {@link Status#NOT_REPRODUCIBLE}
   * @param notStored {@link Status#NOT_STORED}
   */
  public record Summary(
      long records, long reproduced, long different, long notReproducible, long notStored) {
    /** True when every record was reproduced. */
    public boolean allReproduced() {
      return reproduced == records;
    }

    /**
     * True when no record is different or not reproducible: every record was reproduced or, unless
     * {@code requireInputs}, stored without its input by policy.
     */
    public boolean passed(boolean requireInputs) {
      return different == 0 && notReproducible == 0 && (!requireInputs || notStored == 0);
    }

    /**
     * {@code 12 records: 9 reproduced, 1 different, 0 not reproducible, 2 not stored by policy}.
     */
    public String text() {
      return String.format(
          Locale.ROOT,
          "%d records: %d reproduced, %d different, %d not reproducible, %d not stored by policy",
          records,
          reproduced,
          different,
          notReproducible,
          notStored);
    }
  }

  private static final int POINTERS_SHOWN = 3;

  private final PackLibrary library;
  private final Function<Path, CreditRules> engines;
  private final @Nullable RequestCipher cipher;
  private final Map<List<PackRef>, Object> built = new HashMap<>();
  private @Nullable Path temp;

  /**
   * A replayer.
   *
   * @param library where pack versions are found by digest
   * @param engines builds an engine over every pack under a directory (laid out {@code
   *     <id>/<version>/}), for example {@code dir ->
   *     CreditRulesEngine.builder().directory(dir).build()}
   * @param cipher the key for encrypted inputs, or {@code null}
   */
  public Replayer(
      PackLibrary library, Function<Path, CreditRules> engines, @Nullable RequestCipher cipher) {
    this.library = Objects.requireNonNull(library, "library");
    this.engines = Objects.requireNonNull(engines, "engines");
    this.cipher = cipher;
  }

  /**
   * Replays every record of a log (JSON Lines; blank lines skipped), reporting each verdict to
   * {@code each} in log order.
   *
   * @throws IOException when the log cannot be read
   */
  public Summary replay(Reader log, Consumer<Result> each) throws IOException {
    BufferedReader lines = log instanceof BufferedReader b ? b : new BufferedReader(log);
    long number = 0;
    long records = 0;
    long[] counts = new long[Status.values().length];
    String line;
    while ((line = lines.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      records++;
      Result r = replay(number, line);
      counts[r.status().ordinal()]++;
      each.accept(r);
    }
    return new Summary(
        records,
        counts[Status.REPRODUCED.ordinal()],
        counts[Status.DIFFERENT.ordinal()],
        counts[Status.NOT_REPRODUCIBLE.ordinal()],
        counts[Status.NOT_STORED.ordinal()]);
  }

  /** Replays one record (one log line). */
  public Result replay(long number, String line) {
    LoggedDecision d;
    try {
      d = LoggedDecision.parse(line);
    } catch (IllegalArgumentException e) {
      return new Result(
          number, null, Status.NOT_REPRODUCIBLE, "not a decision record: " + e.getMessage());
    }
    String id = d.decisionId();
    String input;
    try {
      input = input(d);
    } catch (NotReproducible e) {
      return new Result(
          number, id, e.byPolicy ? Status.NOT_STORED : Status.NOT_REPRODUCIBLE, e.getMessage());
    }
    if (input.isEmpty()) {
      return new Result(
          number,
          id,
          Status.NOT_REPRODUCIBLE,
          "the request could not be written as JSON when it was logged");
    }
    if (!RecordFormat.sha256(input).equals(d.inputDigest())) {
      return new Result(
          number, id, Status.NOT_REPRODUCIBLE, "the stored input does not match its digest");
    }
    List<PackRef> missing = library.missing(d.packs());
    if (!missing.isEmpty()) {
      PackRef p = missing.get(0);
      return new Result(
          number,
          id,
          Status.NOT_REPRODUCIBLE,
          "pack "
              + p
              + " "
              + p.digest()
              + " not found"
              + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : ""));
    }
    Object engine = engine(d.packs());
    if (engine instanceof String problem) {
      return new Result(number, id, Status.NOT_REPRODUCIBLE, problem);
    }
    CreditRules rules = ((Engine) engine).rules();
    ContractJson json = ((Engine) engine).json();
    String bytes;
    JsonNode masked;
    String kind;
    try {
      Decision decision;
      try {
        Request request = json.readRequest(input);
        decision = rules.decide(request);
      } catch (InvalidRequestException x) {
        kind = "REJECTED";
        bytes = json.writeErrors(x.errors());
        masked = RecordFormat.maskedErrors(json, x.errors(), personal(d));
        return compare(json, number, d, kind, bytes, masked);
      }
      kind = "DECIDED";
      ObjectNode tree = RecordFormat.maskedDecision(json, decision);
      if (RecordFormat.beforeNextChangeOn(d.decision())) {
        // logged before decisions carried nextChangeOn: the same decision, as it was written then
        tree.remove(RecordFormat.NEXT_CHANGE_ON);
        bytes =
            json.trees()
                .write(RecordFormat.withoutNextChangeOn(json.trees().decisionTree(decision)));
      } else {
        bytes = json.writeDecision(decision);
      }
      masked = tree;
    } catch (RuntimeException | StackOverflowError x) {
      return new Result(
          number, id, Status.NOT_REPRODUCIBLE, "re-evaluation failed: " + x.getClass().getName());
    }
    return compare(json, number, d, kind, bytes, masked);
  }

  private static boolean personal(LoggedDecision d) {
    try {
      return d.subjectType() == null || !SubjectType.valueOf(d.subjectType()).isOrganisation();
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private static Result compare(
      ContractJson json,
      long number,
      LoggedDecision d,
      String kind,
      String bytes,
      JsonNode masked) {
    if (!kind.equals(d.result())) {
      return new Result(
          number, d.decisionId(), Status.DIFFERENT, "logged " + d.result() + ", now " + kind);
    }
    // both must hold: the exact bytes (through their digest) and the logged, masked result
    JsonNode logged = kind.equals("DECIDED") ? d.decision() : d.errors();
    List<String> pointers = new ArrayList<>();
    try {
      JsonNode now = LoggedDecision.MAPPER.readTree(json.trees().write(masked));
      diff("", logged, now, pointers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (pointers.isEmpty() && RecordFormat.sha256(bytes).equals(d.resultDigest())) {
      return new Result(number, d.decisionId(), Status.REPRODUCED, null);
    }
    String where =
        pointers.isEmpty()
            ? "the result digest differs (the bytes, or a masked field)"
            : "differs at "
                + String.join(", ", pointers.subList(0, Math.min(POINTERS_SHOWN, pointers.size())))
                + (pointers.size() > POINTERS_SHOWN ? " (" + pointers.size() + " in all)" : "");
    return new Result(number, d.decisionId(), Status.DIFFERENT, where);
  }

  /** Adds the JSON pointers where {@code a} and {@code b} differ, depth first. */
  static void diff(String at, @Nullable JsonNode a, @Nullable JsonNode b, List<String> out) {
    if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
      if (!(a == null && b == null)) {
        out.add(at.isEmpty() ? "/" : at);
      }
      return;
    }
    if (a.isObject()) {
      List<String> names = new ArrayList<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames()
          .forEachRemaining(
              n -> {
                if (!a.has(n)) {
                  names.add(n);
                }
              });
      for (String n : names) {
        diff(at + "/" + n.replace("~", "~0").replace("/", "~1"), a.get(n), b.get(n), out);
      }
    } else if (a.isArray()) {
      int n = Math.max(a.size(), b.size());
      for (int i = 0; i < n; i++) {
        diff(at + "/" + i, a.get(i), b.get(i), out);
      }
    } else if (!a.equals(b)) {
      out.add(at.isEmpty() ? "/" : at);
    }
  }

  private static final class NotReproducible extends Exception {
    private static final long serialVersionUID = 1L;

    /** The input was left out by the sink's storage policy: nothing is wrong with the record. */
    final boolean byPolicy;

    NotReproducible(String message) {
      this(message, false);
    }

    NotReproducible(String message, boolean byPolicy) {
      super(message, null, false, false);
      this.byPolicy = byPolicy;
    }
  }

  private String input(LoggedDecision d) throws NotReproducible {
    JsonNode in = d.input();
    String storage = in.path("storage").asText("");
    switch (storage) {
      case "PLAIN":
        if (!in.path("text").isTextual()) {
          throw new NotReproducible("the stored input is damaged");
        }
        return in.get("text").textValue();
      case "ENCRYPTED":
        if (cipher == null) {
          throw new NotReproducible(
              "the input is encrypted (key " + in.path("keyId").asText() + "): no key given");
        }
        if (!cipher.keyId().equals(in.path("keyId").asText())) {
          throw new NotReproducible(
              "the input is encrypted with another key (" + in.path("keyId").asText() + ")");
        }
        try {
          return cipher.decrypt(
              new RequestCipher.Sealed(
                  Base64.getDecoder().decode(in.path("nonce").asText()),
                  Base64.getDecoder().decode(in.path("ciphertext").asText())),
              RecordFormat.associated(d.decisionId(), d.inputDigest()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
          throw new NotReproducible("the encrypted input does not decrypt: the record was changed");
        }
      case "NONE":
        String reason = in.path("reason").asText("");
        // left out by policy only when the policy says so, and for a person when that is why
        if (reason.equals(RecordFormat.STORES_NO_INPUT)
            || (reason.equals(RecordFormat.A_PERSON) && personal(d))) {
          throw new NotReproducible("the input was not stored: " + reason, true);
        }
        throw new NotReproducible(
            "the input is missing"
                + (reason.equals(RecordFormat.A_PERSON)
                    ? " although the subject is an organisation: the record was changed"
                    : " (storage NONE, reason: " + (reason.isEmpty() ? "none" : reason) + ")"));
      default:
        throw new NotReproducible("no input in the record");
    }
  }

  /** An engine and the reader of requests with its fact model. */
  private record Engine(CreditRules rules, ContractJson json) {}

  /**
   * The {@link Engine} over exactly {@code packs}, or a problem text; built once per set. Inputs
   * are read with the fact model of the engine that replays them, as they were read when logged.
   */
  private Object engine(List<PackRef> packs) {
    return built.computeIfAbsent(
        List.copyOf(packs),
        k -> {
          try {
            if (temp == null) {
              temp = Files.createTempDirectory("credit-rules-replay");
            }
            Path dir = Files.createTempDirectory(temp, "packs");
            library.materialise(k, dir);
            CreditRules rules = engines.apply(dir);
            return new Engine(rules, new ContractJson(rules.model()));
          } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? "" : ": " + firstLine(e.getMessage());
            return "the packs " + k + " do not load" + message;
          }
        });
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Deletes the temporary pack folders. */
  @Override
  public void close() throws IOException {
    if (temp != null) {
      Files.walkFileTree(
          temp,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
      temp = null;
    }
  }
}

package dev.creditrules.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Accepts what the packs now decide: rewrites the {@code expect:} block of each failing case so
 * that it holds again, keeping the block's keys (an {@code include} keeps the keys each entry
 * gives, {@code only} and {@code exactly} take the new outcomes, {@code exclude} drops what is now
 * present) and the rest of the file as it is. In a rewritten block, a line that does not change
 * keeps its comment, a mapping written on one line stays on one line, lists of mappings are written
 * one entry a line; the comment of a line that changes is lost.
 */
public final class CaseUpdate {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N}_/][\\p{L}\\p{N}_.@/+-]*");
  private static final java.util.Set<String> RESERVED =
      java.util.Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

  /**
   * One case file's update.
   *
   * @param file the case file
   * @param before its text now
   * @param after its text with the failing cases' expectations rewritten
   * @param diff the unified diff from {@code before} to {@code after}
   * @param cases the names of the cases rewritten
   */
  public record FileUpdate(
      Path file, String before, String after, String diff, List<String> cases) {
    public FileUpdate {
      cases = List.copyOf(cases);
    }

    /** Writes {@code after} to the file. */
    public void write() {
      try {
        Files.writeString(file, after);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
  }

  /**
   * The updates of {@code results}' failing cases, by file.
   *
   * @param files one update per case file with a failing case
   * @param skipped the failing cases that cannot be rewritten, each with the reason
   */
  public record Plan(List<FileUpdate> files, List<String> skipped) {
    public Plan {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
    }
  }

  private CaseUpdate() {}

  /** Plans the rewrite of every failing case of {@code results}; nothing is written. */
  public static Plan plan(List<CaseResult> results) {
    Map<Path, List<CaseResult>> byFile = new LinkedHashMap<>();
    for (CaseResult r : results) {
      if (!r.passed()) {
        byFile.computeIfAbsent(r.regressionCase().file(), f -> new ArrayList<>()).add(r);
      }
    }
    List<FileUpdate> files = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Map.Entry<Path, List<CaseResult>> e : byFile.entrySet()) {
      Path file = e.getKey();
      String before;
      LocatedYaml yaml;
      try {
        before = Files.readString(file);
        yaml = LocatedYaml.parse(before);
      } catch (IOException ex) {
        e.getValue()
            .forEach(
                r -> skipped.add(r.regressionCase().where() + ": cannot read: " + ex.getMessage()));
        continue;
      }
      List<String> lines = new ArrayList<>(List.of(before.split("\n", -1)));
      // rewrite from the bottom up, so that earlier line numbers stay valid
      List<CaseResult> sorted = new ArrayList<>(e.getValue());
      sorted.sort((a, b) -> Integer.compare(b.regressionCase().line(), a.regressionCase().line()));
      List<String> names = new ArrayList<>();
      for (CaseResult r : sorted) {
        String problem = rewrite(yaml, lines, r);
        if (problem == null) {
          names.add(0, r.regressionCase().name());
        } else {
          skipped.add(
              r.regressionCase().where() + ": " + r.regressionCase().name() + ": " + problem);
        }
      }
      String after = String.join("\n", lines);
      if (!after.equals(before)) {
        List<String> old = List.of(before.split("\n", -1));
        List<String> now = List.of(after.split("\n", -1));
        String rel = file.toString().replace('\\', '/').replaceFirst("^/+", "");
        List<String> diff =
            UnifiedDiffUtils.generateUnifiedDiff(
                "a/" + rel, "b/" + rel, old, DiffUtils.diff(old, now), 3);
        files.add(new FileUpdate(file, before, after, String.join("\n", diff) + "\n", names));
      }
    }
    return new Plan(files, skipped);
  }

  /** Rewrites the expect block of {@code r}'s case in {@code lines}; null, or why it cannot. */
  private static @Nullable String rewrite(LocatedYaml yaml, List<String> lines, CaseResult r) {
    String at = pointerOf(yaml, r.regressionCase().line());
    if (at == null) {
      return "the case is no longer at line " + r.regressionCase().line();
    }
    ObjectNode expect = expected(r.regressionCase().expect(), r.actual(), r.rejected());
    List<String> left = new Expectations(expect, r.actual(), r.rejected()).check();
    if (!left.isEmpty()) {
      return "no rewrite of its expectations holds: " + String.join("; ", left);
    }
    LocatedYaml.Position key = yaml.at(at + "/expect");
    LocatedYaml.Position end = yaml.endOf(at + "/expect");
    int first = key.line() - 1;
    String head = lines.get(first);
    int last; // exclusive
    String value =
        head.substring(Math.min(head.length(), head.indexOf(':', key.column() - 1) + 1)).strip();
    if (value.startsWith("{")) {
      last = end == null ? first + 1 : end.line();
    } else {
      // a block ends where the next token starts: the next key, the next case's "- ", the end
      last = end == null ? lines.size() : end.line() - 1;
      while (last > first + 1
          && (lines.get(last - 1).isBlank() || lines.get(last - 1).strip().startsWith("#"))) {
        last--;
      }
    }
    String prefix = head.substring(0, key.column() - 1);
    int step = 2;
    Iterator<String> keys = r.regressionCase().expect().fieldNames();
    if (keys.hasNext()) {
      LocatedYaml.Position child = yaml.at(at + "/expect/" + keys.next());
      if (child.line() > key.line() && child.column() > key.column()) {
        step = child.column() - key.column();
      }
    }
    List<String> block = new ArrayList<>();
    block.add(prefix + "expect:");
    String indent = " ".repeat(key.column() - 1 + step);
    int by = step;
    // a mapping written on one line ({ exclude: [X] }) stays on one line
    java.util.function.Predicate<String> oneLine =
        rel -> {
          JsonNode was = r.regressionCase().expect().at(rel);
          Iterator<String> children = was.fieldNames();
          return children.hasNext()
              && yaml.at(at + "/expect" + rel + "/" + children.next()).line()
                  == yaml.at(at + "/expect" + rel).line();
        };
    expect
        .fields()
        .forEachRemaining(
            f -> emit(block, indent, by, "/" + f.getKey(), f.getKey(), f.getValue(), oneLine));
    // a line that did not change keeps its comment
    List<String> old = new ArrayList<>(lines.subList(first + 1, last));
    for (int i = 1; i < block.size(); i++) {
      for (int j = 0; j < old.size(); j++) {
        String o = old.get(j);
        int hash = o.indexOf(" #");
        if (hash > 0 && o.substring(0, hash).stripTrailing().equals(block.get(i))) {
          block.set(i, o);
          old.remove(j);
          break;
        }
      }
    }
    List<String> tail = new ArrayList<>(lines.subList(last, lines.size()));
    while (lines.size() > first) {
      lines.remove(lines.size() - 1);
    }
    lines.addAll(block);
    lines.addAll(tail);
    return null;
  }

  /** The pointer of the case that starts on {@code line}: {@code ""} or {@code /cases/i}. */
  private static @Nullable String pointerOf(LocatedYaml yaml, int line) {
    JsonNode cases = yaml.root().get("cases");
    if (cases == null) {
      return yaml.at("").line() == line || line == 0 ? "" : null;
    }
    for (int i = 0; i < cases.size(); i++) {
      if (yaml.at("/cases/" + i).line() == line) {
        return "/cases/" + i;
      }
    }
    return null;
  }

  // --- the new expectations ---------------------------------------------------------------

  /** The expectations of {@code old}, in its shape, rewritten to hold for {@code actual}. */
  static ObjectNode expected(JsonNode old, JsonNode actual, boolean rejected) {
    ObjectNode out = JSON.createObjectNode();
    if (rejected) {
      ArrayNode errors = out.putArray("errors");
      actual
          .path("errors")
          .forEach(
              e ->
                  errors
                      .addObject()
                      .put("pointer", e.path("pointer").asText())
                      .put("reason", e.path("reason").asText()));
      return out;
    }
    if (old.has("errors")) {
      for (String list : Expectations.LISTS) {
        out.putObject(list).set("only", ids(actual.path(list)));
      }
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      JsonNode want = e.getValue();
      if (Expectations.LISTS.contains(k)) {
        out.set(k, list(want, actual.path(k)));
      } else if (k.equals("repairs")) {
        out.set(k, repairs(want, actual.path("repairs")));
      } else if (k.equals("disputes")) {
        ArrayNode d = JSON.createArrayNode();
        JsonNode shape = want.size() > 0 ? want.get(0) : null;
        actual.path("disputes").forEach(x -> d.add(shape == null ? x.deepCopy() : like(shape, x)));
        out.set(k, d);
      } else if (k.equals("nextChangeOn")) {
        out.set(
            k,
            actual.path("nextChangeOn").isMissingNode()
                ? JSON.nullNode()
                : actual.get("nextChangeOn"));
      } else if (k.equals("packs")) {
        ArrayNode p = out.putArray(k);
        actual
            .path("packs")
            .forEach(x -> p.add(x.path("id").asText() + "@" + x.path("version").asText()));
      } else {
        out.set(k, want.deepCopy());
      }
    }
    return out;
  }

  private static ObjectNode list(JsonNode spec, JsonNode outcomes) {
    ObjectNode out = JSON.createObjectNode();
    java.util.Set<String> present = new TreeSet<>();
    outcomes.forEach(o -> present.add(o.path("measure").asText()));
    // a measure an include expected and that is now absent moves to exclude
    java.util.Set<String> gone = new java.util.LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ArrayNode a = out.putArray(e.getKey());
      switch (e.getKey()) {
        case "include" ->
            e.getValue()
                .forEach(
                    w -> {
                      String measure = w.isTextual() ? w.asText() : w.path("measure").asText();
                      List<JsonNode> same = new ArrayList<>();
                      outcomes.forEach(
                          o -> {
                            if (o.path("measure").asText().equals(measure)) {
                              same.add(o);
                            }
                          });
                      List<JsonNode> candidates =
                          w.isTextual() ? same : Expectations.sameFacts(w, same);
                      if (same.isEmpty()) {
                        gone.add(measure);
                      }
                      if (!candidates.isEmpty()) {
                        JsonNode entry =
                            w.isTextual() ? w : like(w, Expectations.closest(w, candidates));
                        if (!contains(a, entry)) {
                          a.add(entry);
                        }
                      }
                    });
        case "exclude" ->
            e.getValue()
                .forEach(
                    w -> {
                      if (!present.contains(w.asText())) {
                        a.add(w);
                      }
                    });
        case "only" -> a.addAll(ids(outcomes));
        default -> { // exactly
          JsonNode shape = null;
          for (JsonNode w : e.getValue()) {
            shape = w.isObject() ? w : shape;
          }
          for (int i = 0; i < outcomes.size(); i++) {
            JsonNode w = i < e.getValue().size() ? e.getValue().get(i) : shape;
            a.add(
                w == null || w.isTextual()
                    ? JSON.getNodeFactory().textNode(outcomes.get(i).path("measure").asText())
                    : like(w, outcomes.get(i)));
          }
        }
      }
    }
    if (!gone.isEmpty()) {
      if (out.path("include").isEmpty()) {
        out.remove("include");
      }
      ArrayNode exclude =
          out.has("exclude") ? (ArrayNode) out.get("exclude") : out.putArray("exclude");
      gone.forEach(
          m -> {
            if (!contains(exclude, JSON.getNodeFactory().textNode(m))) {
              exclude.add(m);
            }
          });
    }
    return out;
  }

  private static boolean contains(ArrayNode a, JsonNode entry) {
    for (JsonNode n : a) {
      if (n.equals(entry)) {
        return true;
      }
    }
    return false;
  }

  private static ArrayNode repairs(JsonNode spec, JsonNode repairs) {
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode w : spec) {
      String fact = w.path("fact").asText();
      List<JsonNode> same = new ArrayList<>();
      repairs.forEach(
          r -> {
            if (r.path("fact").asText().equals(fact)) {
              same.add(r);
            }
          });
      if (same.isEmpty()) {
        out.addObject().put("fact", fact).put("absent", true);
      } else if (w.path("absent").asBoolean(false)) {
        ObjectNode shape =
            JSON.createObjectNode().put("fact", fact).put("status", "").put("earliest", "");
        shape.putArray("unmet");
        out.add(like(shape, same.get(0)));
      } else {
        out.add(like(w, Expectations.closest(w, same)));
      }
    }
    return out;
  }

  /** {@code shape}'s keys with {@code actual}'s values ({@code unmet} as its codes). */
  private static ObjectNode like(JsonNode shape, JsonNode actual) {
    ObjectNode out = JSON.createObjectNode();
    shape
        .fieldNames()
        .forEachRemaining(
            k -> {
              JsonNode v = actual.get(k);
              if (k.equals("unmet")) {
                ArrayNode codes = out.putArray(k);
                actual.path("unmet").forEach(u -> codes.add(u.path("code").asText()));
              } else {
                out.set(k, v == null ? JSON.nullNode() : v.deepCopy());
              }
            });
    return out;
  }

  private static ArrayNode ids(JsonNode outcomes) {
    java.util.Set<String> sorted = new TreeSet<>();
    outcomes.forEach(o -> sorted.add(o.path("measure").asText()));
    ArrayNode a = JSON.createArrayNode();
    sorted.forEach(a::add);
    return a;
  }

  // --- YAML out ---------------------------------------------------------------------------

  private static void emit(
      List<String> out,
      String indent,
      int step,
      String rel,
      String key,
      JsonNode v,
      java.util.function.Predicate<String> oneLine) {
    if (v.isObject() && v.size() > 0 && !oneLine.test(rel)) {
      out.add(indent + key + ":");
      v.fields()
          .forEachRemaining(
              f ->
                  emit(
                      out,
                      indent + " ".repeat(step),
                      step,
                      rel + "/" + f.getKey(),
                      f.getKey(),
                      f.getValue(),
                      oneLine));
    } else if (v.isArray() && v.size() > 0 && !allScalars(v)) {
      out.add(indent + key + ":");
      v.forEach(item -> out.add(indent + " ".repeat(step) + "- " + flow(item)));
    } else {
      out.add(indent + key + ": " + flow(v));
    }
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode n : array) {
      if (n.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  private static String flow(JsonNode v) {
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(i -> items.add(flow(i)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v.isObject()) {
      if (v.isEmpty()) {
        return "{}";
      }
      List<String> items = new ArrayList<>();
      v.fields().forEachRemaining(f -> items.add(scalar(f.getKey()) + ": " + flow(f.getValue())));
      return "{ " + String.join(", ", items) + " }";
    }
    if (v.isNull()) {
      return "null";
    }
    if (v.isBoolean() || v.isNumber()) {
      return v.asText();
    }
    return scalar(v.asText());
  }

  private static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT))) {
      return s;
    }
    try {
      return JSON.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

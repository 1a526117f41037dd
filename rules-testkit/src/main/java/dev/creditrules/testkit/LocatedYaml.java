package dev.creditrules.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document read by Jackson's YAML parser into a tree, with where each node is written: for a
 * mapping entry the line and column of its key, for a list item those of the item. Nodes are named
 * by JSON pointer ({@code /cases/3/expect/sanctions}), the root by {@code ""}.
 */
final class LocatedYaml {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final YAMLFactory FACTORY = YAML.getFactory();

  /** A 1-based line and column. */
  record Position(int line, int column) {
    static Position of(JsonLocation l) {
      return new Position(Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }
  }

  private final JsonNode root;
  private final Map<String, Position> positions;

  /** For each container, where the token after it starts: the first line that is not its own. */
  private final Map<String, Position> ends;

  private LocatedYaml(JsonNode root, Map<String, Position> positions, Map<String, Position> ends) {
    this.root = root;
    this.positions = positions;
    this.ends = ends;
  }

  /**
   * Reads {@code text}.
   *
   * @throws JsonProcessingException with the location of the first syntax error
   */
  static LocatedYaml parse(String text) throws IOException {
    Map<String, Position> positions = new HashMap<>();
    Map<String, Position> ends = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new LocatedYaml(YAML.nullNode(), positions, ends);
      }
      positions.put("", Position.of(p.currentTokenLocation()));
      JsonNode root = read(p, "", positions, ends);
      return new LocatedYaml(root, positions, ends);
    }
  }

  private static JsonNode read(
      JsonParser p, String pointer, Map<String, Position> positions, Map<String, Position> ends)
      throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      ObjectNode o = YAML.createObjectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        positions.put(child, Position.of(p.currentTokenLocation()));
        p.nextToken();
        o.set(name, read(p, child, positions, ends));
      }
      ends.put(pointer, Position.of(p.currentTokenLocation()));
      return o;
    }
    if (t == JsonToken.START_ARRAY) {
      ArrayNode a = YAML.createArrayNode();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String child = pointer + "/" + i++;
        positions.put(child, Position.of(p.currentTokenLocation()));
        a.add(read(p, child, positions, ends));
      }
      ends.put(pointer, Position.of(p.currentTokenLocation()));
      return a;
    }
    JsonNode scalar = YAML.readTree(p);
    return scalar == null ? YAML.nullNode() : scalar;
  }

  JsonNode root() {
    return root;
  }

  /** Where the node at {@code pointer} is written, or the nearest enclosing node's position. */
  Position at(String pointer) {
    for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
      Position pos = positions.get(p);
      if (pos != null || p.isEmpty()) {
        return pos == null ? new Position(1, 1) : pos;
      }
    }
  }

  /** Where the token after the container at {@code pointer} starts, or null when unknown. */
  @Nullable Position endOf(String pointer) {
    return ends.get(pointer);
  }
}

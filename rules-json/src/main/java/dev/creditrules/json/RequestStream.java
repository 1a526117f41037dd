package dev.creditrules.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.creditrules.api.Area;
import dev.creditrules.api.Request;
import dev.creditrules.api.RequestValidator;
import dev.creditrules.api.RequestValidator.FactSlot;
import dev.creditrules.api.Subject;
import dev.creditrules.api.SubjectType;
import dev.creditrules.api.fact.Fact;
import dev.creditrules.api.model.FieldDecl;
import dev.creditrules.api.model.Presence;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request straight from a parser's tokens into the {@link Request}, without a tree: the
 * fast path of {@link ContractJson#readRequest(String)}. It reads only what is plainly valid: the
 * moment it meets anything else (an unknown or duplicate field, a wrong JSON type, a missing
 * required field, a code or date that does not exist, a value over one of the {@link Limits}, a
 * problem {@link RequestValidator} finds, JSON that does not parse) it gives up and returns {@code
 * null}, and the caller reads the same text again with the tree reader ({@link RequestReader}),
 * which reports every problem as the contract says. So what this class returns is always the
 * request the tree reader would return, and the errors are always the tree reader's.
 *
 * <p>Values are read as the tree reader reads them: numbers as Jackson's tree would hold them
 * (integers as {@code int}, {@code long} or {@code BigInteger} by size, decimals as {@code
 * BigDecimal} exactly as written), JSON null as an absent field, a fact's values in declaration
 * order, then {@code authority} and {@code documentNo}. One instance reads one request.
 */
final class RequestStream {
  /** A field given as JSON null: absent, though given (a second one is a duplicate). */
  private static final Object NULL = new Object();

  private final JsonParser p;
  private final FactShapes shapes;
  private final Limits limits;

  /** The names and raw values of the fact being read, reused from fact to fact. */
  private String[] names = new String[16];

  private Object[] raws = new Object[16];
  private int given;

  /** The subject's id as given (the validator checks it before {@link Subject} upper-cases it). */
  private @Nullable String subjectIdAsGiven;

  private RequestStream(JsonParser p, FactShapes shapes, Limits limits) {
    this.p = p;
    this.shapes = shapes;
    this.limits = limits;
  }

  /**
   * The request {@code p} holds when it is plainly valid, or {@code null} (read it again with the
   * tree reader, which reports what is wrong). Jackson's own exceptions for JSON that does not
   * parse are thrown: the caller falls back on them too.
   */
  static @Nullable Request read(JsonParser p, FactShapes shapes, Limits limits) throws IOException {
    if (limits.maxDepth() < 2) {
      return null; // even the request's facts array would be over the limit
    }
    return new RequestStream(p, shapes, limits).request();
  }

  private @Nullable Request request() throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String requestId = null;
    LocalDate asOf = null;
    Subject subject = null;
    String subjectId = null;
    List<Area> areas = null;
    List<Fact> facts = null;
    int seen = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      int bit;
      switch (name) {
        case "requestId":
          bit = 1;
          if (v != JsonToken.VALUE_NULL) {
            requestId = string(v);
            if (requestId == null) {
              return null;
            }
          }
          break;
        case "asOf":
          bit = 2;
          asOf = date(v);
          if (asOf == null) {
            return null;
          }
          break;
        case "subject":
          bit = 4;
          if (v != JsonToken.START_OBJECT) {
            return null;
          }
          subject = subject();
          if (subject == null) {
            return null;
          }
          subjectId = subjectIdAsGiven;
          break;
        case "areas":
          bit = 8;
          if (v != JsonToken.VALUE_NULL) {
            areas = areas(v);
            if (areas == null) {
              return null;
            }
          }
          break;
        case "facts":
          bit = 16;
          if (v != JsonToken.START_ARRAY) {
            return null;
          }
          facts = facts();
          if (facts == null) {
            return null;
          }
          break;
        default:
          return null;
      }
      if ((seen & bit) != 0) {
        return null; // a duplicate field: the tree reader reports invalid JSON
      }
      seen |= bit;
    }
    // the end of the object, and nothing after it (the tree reader refuses trailing tokens)
    if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
      return null;
    }
    if (asOf == null || subject == null || facts == null) {
      return null;
    }
    List<FactSlot> slots = new ArrayList<>(facts.size());
    for (Fact fact : facts) {
      slots.add(FactSlot.of(fact));
    }
    if (!RequestValidator.validate(asOf, subjectId, subject.type(), areas, slots, shapes.model())
        .isEmpty()) {
      return null;
    }
    return new Request(requestId, asOf, subject, areas, facts);
  }

  /** The subject object, its start read; {@code null} when anything is unusual. */
  private @Nullable Subject subject() throws IOException {
    String id = null;
    SubjectType type = null;
    String name = null;
    String region = null;
    LocalDate establishedOn = null;
    int seen = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      int bit;
      switch (field) {
        case "id":
          bit = 1;
          id = string(v);
          if (id == null) {
            return null;
          }
          break;
        case "type":
          bit = 2;
          String code = string(v);
          type = code == null ? null : RequestReader.SUBJECT_TYPES.get(code);
          if (type == null) {
            return null;
          }
          break;
        case "name":
          bit = 4;
          if (v != JsonToken.VALUE_NULL) {
            name = string(v);
            if (name == null) {
              return null;
            }
          }
          break;
        case "region":
          bit = 8;
          if (v != JsonToken.VALUE_NULL) {
            region = string(v);
            if (region == null) {
              return null;
            }
          }
          break;
        case "establishedOn":
          bit = 16;
          if (v != JsonToken.VALUE_NULL) {
            establishedOn = date(v);
            if (establishedOn == null) {
              return null;
            }
          }
          break;
        default:
          return null;
      }
      if ((seen & bit) != 0) {
        return null;
      }
      seen |= bit;
    }
    if (t != JsonToken.END_OBJECT || id == null || type == null) {
      return null;
    }
    subjectIdAsGiven = id;
    return new Subject(id, type, name, region, establishedOn);
  }

  /** The areas, the array's first token in hand; {@code null} when anything is unusual. */
  private @Nullable List<Area> areas(JsonToken start) throws IOException {
    if (start != JsonToken.START_ARRAY) {
      return null;
    }
    List<Area> areas = new ArrayList<>(4);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
      Area area = RequestReader.AREAS.get(p.getText());
      if (area == null) {
        return null;
      }
      areas.add(area);
    }
    return t == JsonToken.END_ARRAY ? areas : null;
  }

  /** The facts, the array's start read; {@code null} when anything is unusual. */
  private @Nullable List<Fact> facts() throws IOException {
    List<Fact> facts = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      if (facts.size() == limits.maxFacts() || limits.maxDepth() < 3) {
        return null;
      }
      Fact fact = fact();
      if (fact == null) {
        return null;
      }
      facts.add(fact);
    }
    return t == JsonToken.END_ARRAY ? facts : null;
  }

  /** One fact, its start read; {@code null} when anything is unusual. */
  private @Nullable Fact fact() throws IOException {
    given = 0;
    String id = null;
    String typeName = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      for (int i = 0; i < given; i++) {
        if (names[i].equals(name)) {
          return null; // a duplicate field
        }
      }
      Object raw = raw(v);
      if (raw == null) {
        return null;
      }
      if (given == names.length) {
        names = Arrays.copyOf(names, given * 2);
        raws = Arrays.copyOf(raws, given * 2);
      }
      names[given] = name;
      raws[given++] = raw;
      if (FactShapes.ID.equals(name)) {
        if (!(raw instanceof String s)) {
          return null;
        }
        id = s;
      } else if (FactShapes.TYPE.equals(name)) {
        if (!(raw instanceof String s)) {
          return null;
        }
        typeName = s;
      }
    }
    if (t != JsonToken.END_OBJECT || id == null || typeName == null) {
      return null;
    }
    String type = shapes.typeCodes().get(typeName);
    FactShapes.Shape shape = type == null ? null : shapes.shape(type);
    if (type == null || shape == null) {
      return null;
    }
    for (int i = 0; i < given; i++) {
      if (!shape.known().contains(names[i])) {
        return null;
      }
    }
    Fact.Builder fact = Fact.builder(type, id);
    for (FactShapes.Field field : shape.fields()) {
      FieldDecl decl = field.decl();
      Object raw = given(decl.name());
      if (raw == null || raw == NULL) {
        if (decl.required()) {
          return null;
        }
        continue;
      }
      Object value = value(raw, field);
      if (value == null) {
        return null;
      }
      if (value != NULL) {
        fact.set(decl.name(), value);
      }
    }
    return common(fact, FactShapes.AUTHORITY) && common(fact, FactShapes.DOCUMENT_NO)
        ? fact.build()
        : null;
  }

  /** Sets the common text field {@code name} when given; false when it is not a string. */
  private boolean common(Fact.Builder fact, String name) {
    Object raw = given(name);
    if (raw == null || raw == NULL) {
      return true;
    }
    if (!(raw instanceof String)) {
      return false;
    }
    fact.set(name, raw);
    return true;
  }

  /** The raw value given for {@code name} in the fact being read, or {@code null}. */
  private @Nullable Object given(String name) {
    for (int i = 0; i < given; i++) {
      if (names[i].equals(name)) {
        return raws[i];
      }
    }
    return null;
  }

  /**
   * One field's value by its kind from its raw value (never {@link #NULL}), {@link #NULL} for an
   * empty list of an optional list field (the same as none), {@code null} when it is invalid.
   */
  private static @Nullable Object value(Object raw, FactShapes.Field field) {
    FieldDecl decl = field.decl();
    switch (decl.kind()) {
      case DATE:
        return raw instanceof String s ? date(s) : null;
      case INTEGER:
        return raw instanceof Integer ? raw : null;
      case DECIMAL:
        if (raw instanceof BigDecimal) {
          return raw;
        }
        if (raw instanceof Integer i) {
          return BigDecimal.valueOf(i);
        }
        if (raw instanceof Long l) {
          return BigDecimal.valueOf(l);
        }
        return raw instanceof BigInteger b ? new BigDecimal(b) : null;
      case TEXT:
      case REFERENCE:
        return raw instanceof String ? raw : null;
      case BOOLEAN:
        return raw instanceof Boolean ? raw : null;
      case ENUMERATION:
        return raw instanceof String s ? field.codes().get(s) : null;
      case ENUMERATION_LIST:
        {
          if (!(raw instanceof String[] items)) {
            return null;
          }
          if (items.length == 0 && decl.presence() == Presence.OPTIONAL) {
            return NULL;
          }
          Map<String, String> codes = field.codes();
          String[] list = new String[items.length];
          for (int i = 0; i < items.length; i++) {
            list[i] = codes.get(items[i]);
            if (list[i] == null) {
              return null;
            }
          }
          return List.of(list);
        }
      default:
        return null;
    }
  }

  /**
   * The value at the current token as Jackson's tree would hold it: a String, a Boolean, an
   * Integer, Long or BigInteger, a BigDecimal, {@link #NULL}, or a String[] (an array of strings);
   * {@code null} for anything else (an object, an array of anything else, a value over a limit).
   */
  private @Nullable Object raw(@Nullable JsonToken t) throws IOException {
    if (t == null) {
      return null;
    }
    switch (t) {
      case VALUE_STRING:
        return string(t);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      case VALUE_NUMBER_INT:
        {
          Number n;
          switch (p.getNumberType()) {
            case INT:
              n = p.getIntValue();
              break;
            case LONG:
              n = p.getLongValue();
              break;
            default:
              n = p.getBigIntegerValue();
          }
          return LimitCheck.plainLength(n) > limits.maxNumberLength() ? null : n;
        }
      case VALUE_NUMBER_FLOAT:
        {
          BigDecimal d = p.getDecimalValue();
          return LimitCheck.plainLength(d) > limits.maxNumberLength() ? null : d;
        }
      case START_ARRAY:
        return strings();
      default:
        return null;
    }
  }

  /** An array of strings, its start read, as a String[]; {@code null} when anything else. */
  private String @Nullable [] strings() throws IOException {
    if (limits.maxDepth() < 4) {
      return null;
    }
    List<String> items = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
      String s = string(t);
      if (s == null) {
        return null;
      }
      if (items == null) {
        items = new ArrayList<>(4);
      }
      items.add(s);
    }
    if (t != JsonToken.END_ARRAY) {
      return null;
    }
    return items == null ? new String[0] : items.toArray(new String[0]);
  }

  /** The string at token {@code t}, or {@code null} when it is not one or is over the limit. */
  private @Nullable String string(@Nullable JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      return null;
    }
    String s = p.getText();
    return LimitCheck.length(s, limits.maxStringLength()) > limits.maxStringLength() ? null : s;
  }

  /** The date at token {@code t}, or {@code null} when it is not one. */
  private @Nullable LocalDate date(@Nullable JsonToken t) throws IOException {
    String s = string(t);
    return s == null ? null : date(s);
  }

  /** {@code yyyy-MM-dd} (ASCII digits) as a calendar date, or {@code null}. */
  private static @Nullable LocalDate date(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The ASCII digits {@code s[from, to)} as a number, or -1. */
  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}

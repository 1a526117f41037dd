package dev.creditrules.json;

/**
 * Bounds on what {@link ContractJson} reads, so that hostile or accidental input (a huge document,
 * thousands of facts, megabyte strings, deep nesting, numbers with millions of digits) gets a clear
 * error instead of exhausting memory, the stack or the engine.
 *
 * <p>A request over a limit is refused with an {@link dev.creditrules.api.InvalidRequestException}
 * whose errors name the limit and its value, each with the pointer of what is too large: {@code ""}
 * for the whole document (too many bytes, nested too deeply while parsing), {@code /facts} for too
 * many facts, the pointer of the string, field name or number otherwise. Such errors carry no
 * {@code value} (echoing an oversized value would defeat the limit). The limits are also given to
 * Jackson's {@code StreamReadConstraints}, which enforce them while parsing. See {@code
 * docs/limits.md}.
 *
 * @param maxRequestBytes the largest request accepted, in bytes of its UTF-8 encoding (for a
 *     stream: in bytes as read), 1 or more; default {@value #DEFAULT_MAX_REQUEST_BYTES} (1 MiB)
 * @param maxFacts the most items {@code facts} may hold, 0 or more; default {@value
 *     #DEFAULT_MAX_FACTS}
 * @param maxStringLength the longest string value or field name, in characters (Unicode code
 *     points), 1 or more; default {@value #DEFAULT_MAX_STRING_LENGTH}
 * @param maxDepth the deepest nesting of objects and arrays, the request object itself being level
 *     1 (a valid request may need 4: request, {@code facts}, a fact, a list field), 1 or more;
 *     default {@value #DEFAULT_MAX_DEPTH}
 * @param maxNumberLength the most characters a number may have when written out in plain decimal
 *     notation (so {@code 1e999999} is one million digits long), 1 or more; default {@value
 *     #DEFAULT_MAX_NUMBER_LENGTH}
 */
public record Limits(
    int maxRequestBytes, int maxFacts, int maxStringLength, int maxDepth, int maxNumberLength) {
  /** 1 MiB. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 1 << 20;

  /** Facts per request. */
  public static final int DEFAULT_MAX_FACTS = 1_000;

  /** Characters per string value or field name. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 1_000;

  /** Levels of nesting. */
  public static final int DEFAULT_MAX_DEPTH = 32;

  /** Characters of a number written out in plain notation. */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 100;

  /** The largest accepted {@link #maxRequestBytes}: what a Java array can hold, with room. */
  public static final int MAX_REQUEST_BYTES_CEILING = Integer.MAX_VALUE - 16;

  /** The defaults: 1 MiB, 1,000 facts, 1,000 characters, 32 levels, 100 digits. */
  public static final Limits DEFAULT =
      new Limits(
          DEFAULT_MAX_REQUEST_BYTES,
          DEFAULT_MAX_FACTS,
          DEFAULT_MAX_STRING_LENGTH,
          DEFAULT_MAX_DEPTH,
          DEFAULT_MAX_NUMBER_LENGTH);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a limit is out of its range
   */
  public Limits {
    if (maxRequestBytes < 1 || maxRequestBytes > MAX_REQUEST_BYTES_CEILING) {
      throw new IllegalArgumentException(
          "maxRequestBytes must be 1-" + MAX_REQUEST_BYTES_CEILING + " but was " + maxRequestBytes);
    }
    if (maxFacts < 0) {
      throw new IllegalArgumentException("maxFacts must be 0 or more but was " + maxFacts);
    }
    if (maxStringLength < 1) {
      throw new IllegalArgumentException(
          "maxStringLength must be 1 or more but was " + maxStringLength);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be 1 or more but was " + maxDepth);
    }
    if (maxNumberLength < 1) {
      throw new IllegalArgumentException(
          "maxNumberLength must be 1 or more but was " + maxNumberLength);
    }
  }

  /** These limits with another {@link #maxRequestBytes}. */
  public Limits withMaxRequestBytes(int value) {
    return new Limits(value, maxFacts, maxStringLength, maxDepth, maxNumberLength);
  }

  /** These limits with another {@link #maxFacts}. */
  public Limits withMaxFacts(int value) {
    return new Limits(maxRequestBytes, value, maxStringLength, maxDepth, maxNumberLength);
  }

  /** These limits with another {@link #maxStringLength}. */
  public Limits withMaxStringLength(int value) {
    return new Limits(maxRequestBytes, maxFacts, value, maxDepth, maxNumberLength);
  }

  /** These limits with another {@link #maxDepth}. */
  public Limits withMaxDepth(int value) {
    return new Limits(maxRequestBytes, maxFacts, maxStringLength, value, maxNumberLength);
  }

  /** These limits with another {@link #maxNumberLength}. */
  public Limits withMaxNumberLength(int value) {
    return new Limits(maxRequestBytes, maxFacts, maxStringLength, maxDepth, value);
  }

  // ------------------------------------------------------------------------------ reasons

  String tooLarge() {
    return "the request is larger than the limit of "
        + maxRequestBytes
        + " bytes (maxRequestBytes)";
  }

  String tooManyFacts(int count) {
    return "facts has " + count + " items, more than the limit of " + maxFacts + " (maxFacts)";
  }

  String stringTooLong(long length) {
    return "string of "
        + length
        + " characters is longer than the limit of "
        + maxStringLength
        + " characters (maxStringLength)";
  }

  String nameTooLong(long length) {
    return "field name of "
        + length
        + " characters is longer than the limit of "
        + maxStringLength
        + " characters (maxStringLength)";
  }

  String tooDeep() {
    return "nested deeper than the limit of " + maxDepth + " levels (maxDepth)";
  }

  String numberTooLong(long length) {
    return "number of "
        + length
        + " characters written out is longer than the limit of "
        + maxNumberLength
        + " (maxNumberLength)";
  }
}

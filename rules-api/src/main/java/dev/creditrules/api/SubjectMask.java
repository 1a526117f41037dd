package dev.creditrules.api;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Masks subject ids for display and indexing. A natural person's resident identity number is
 * personal data: its first 4 characters (the province and city of registration) and its last 4 (the
 * end of the sequence number and the check character) are kept, everything between becomes {@code
 * *}, so that {@code 11010519491231002X} is shown as {@code 1101**********002X}. The birth date
 * (characters 7-14) is never shown. Organisation codes (unified social credit codes) identify legal
 * persons and are public registration data: they are kept as they are.
 *
 * <p>The decision log masks with it, and so does every report that shows a subject (the repair
 * guide, the timeline text, {@code credit-rules diff}).
 */
public final class SubjectMask {
  private static final int KEEP = 4;

  private SubjectMask() {}

  /**
   * The id as it may be displayed or indexed.
   *
   * @param id the subject id, or {@code null}
   * @param type the subject type, or {@code null} when unknown (an id of unknown type is masked)
   * @return {@code null} for {@code null}; the id itself for an organisation type; otherwise the
   *     masked id
   */
  public static @Nullable String mask(@Nullable String id, @Nullable SubjectType type) {
    if (id == null) {
      return null;
    }
    if (type != null && type.isOrganisation()) {
      return id;
    }
    return mask(id);
  }

  /**
   * Masks any id: the first and last 4 characters kept and the rest replaced by {@code *}; an id of
   * 12 characters or fewer is replaced entirely, so that at least half of it is always hidden.
   */
  public static String mask(String id) {
    int n = id.codePointCount(0, id.length());
    if (n <= 3 * KEEP) {
      return "*".repeat(n);
    }
    int headEnd = id.offsetByCodePoints(0, KEEP);
    int tailStart = id.offsetByCodePoints(0, n - KEEP);
    return id.substring(0, headEnd) + "*".repeat(n - 2 * KEEP) + id.substring(tailStart);
  }

  /** What replaces a personal value that is not a subject id. */
  public static final String MASKED = "***";

  /**
   * A request's errors with the values that could identify a person hidden: the subject id masked,
   * any other value under {@code /subject} (except its type) and the whole-document value replaced
   * by {@value #MASKED}. Pointers and reasons stay.
   */
  public static List<RequestError> errors(List<RequestError> errors) {
    List<RequestError> out = new ArrayList<>(errors.size());
    for (RequestError e : errors) {
      String pointer = e.pointer();
      Object value = e.value();
      if (value == null) {
        out.add(e);
      } else if (pointer.equals("/subject/id") && value instanceof String id) {
        out.add(new RequestError(pointer, mask(id), e.reason()));
      } else if (pointer.isEmpty()
          || pointer.equals("/subject")
          || (pointer.startsWith("/subject/") && !pointer.equals("/subject/type"))) {
        out.add(new RequestError(pointer, MASKED, e.reason()));
      } else {
        out.add(e);
      }
    }
    return out;
  }
}

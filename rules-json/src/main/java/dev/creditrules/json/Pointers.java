package dev.creditrules.json;

/** JSON pointers (RFC 6901) and the order the contract gives errors in. */
final class Pointers {
  private Pointers() {}

  /** {@code parent/name} with {@code ~} and {@code /} in the name escaped. */
  static String child(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** {@code parent/index}. */
  static String child(String parent, int index) {
    return parent + "/" + index;
  }

  /**
   * The group an error belongs to, in the contract's order: the whole document, {@code /requestId},
   * {@code /asOf}, {@code /subject}, {@code /areas}, other top-level fields, {@code /facts} itself,
   * then each fact by index.
   */
  static long rank(String pointer) {
    if (pointer.isEmpty()) {
      return 0;
    }
    int end = pointer.indexOf('/', 1);
    String first = end < 0 ? pointer.substring(1) : pointer.substring(1, end);
    switch (first) {
      case "requestId":
        return 1;
      case "asOf":
        return 2;
      case "subject":
        return 3;
      case "areas":
        return 4;
      case "facts":
        if (end < 0) {
          return 6;
        }
        int next = pointer.indexOf('/', end + 1);
        String index = next < 0 ? pointer.substring(end + 1) : pointer.substring(end + 1, next);
        try {
          return 7 + Long.parseLong(index);
        } catch (NumberFormatException e) {
          return 6;
        }
      default:
        return 5;
    }
  }
}

package dev.creditrules.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Validators for unified social credit codes (GB 32100-2015, reference ID-01..03) and resident
 * identity numbers (GB 11643-1999, ID-11..13). Each returns the reason an id is invalid, or empty.
 */
public final class SubjectIds {
  private SubjectIds() {}

  private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] USCC_WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };
  private static final int[] RID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String RID_CHECKS = "10X98765432";

  /**
   * The id as the contract stores it: lower-case ASCII letters upper-cased, nothing else changed
   * ("lower-case input is upper-cased; nothing is ever corrected"). Only ASCII, because a full
   * Unicode upper-casing would turn some characters into others or into two (U+FB00 "ﬀ" becomes
   * "FF"), and so could make a malformed id look valid.
   */
  public static String normalize(String id) {
    char[] chars = null;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c >= 'a' && c <= 'z') {
        if (chars == null) {
          chars = id.toCharArray();
        }
        chars[i] = (char) (c - ('a' - 'A'));
      }
    }
    return chars == null ? id : new String(chars);
  }

  /** Why {@code id} is not a valid unified social credit code, or empty when it is. */
  public static Optional<String> creditCodeProblem(String id) {
    if (id.length() != 18) {
      return Optional.of("a unified social credit code has 18 characters, not " + id.length());
    }
    for (int i = 0; i < 18; i++) {
      char c = id.charAt(i);
      if (USCC_CHARS.indexOf(c) < 0) {
        return Optional.of(
            "character '" + c + "' at position " + (i + 1) + " is not allowed in a credit code");
      }
      if (i >= 2 && i <= 7 && (c < '0' || c > '9')) {
        return Optional.of(
            "position "
                + (i + 1)
                + " must be a digit (region code, positions 3-8), not '"
                + c
                + "'");
      }
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += USCC_CHARS.indexOf(id.charAt(i)) * USCC_WEIGHTS[i];
    }
    char expected = USCC_CHARS.charAt((31 - sum % 31) % 31);
    if (id.charAt(17) != expected) {
      return Optional.of("check character must be " + expected);
    }
    return Optional.empty();
  }

  /**
   * Why {@code id} is not a valid resident identity number as of {@code asOf}, or empty when it is.
   */
  public static Optional<String> residentIdProblem(String id, LocalDate asOf) {
    if (id.length() != 18) {
      return Optional.of("a resident identity number has 18 characters, not " + id.length());
    }
    for (int i = 0; i < 17; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.of("position " + (i + 1) + " must be a digit, not '" + c + "'");
      }
    }
    char last = id.charAt(17);
    if ((last < '0' || last > '9') && last != 'X') {
      return Optional.of("the check character must be a digit or X, not '" + last + "'");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * RID_WEIGHTS[i];
    }
    char expected = RID_CHECKS.charAt(sum % 11);
    if (last != expected) {
      return Optional.of("check character must be " + expected);
    }
    Optional<LocalDate> birth = birthDate(id);
    if (birth.isEmpty()) {
      return Optional.of("birth date " + id.substring(6, 14) + " is not a calendar date");
    }
    if (birth.get().isAfter(asOf)) {
      return Optional.of("birth date " + birth.get() + " is after asOf " + asOf);
    }
    return Optional.empty();
  }

  /** The birth date in positions 7-14 of a resident id, empty when it is not a real date. */
  public static Optional<LocalDate> birthDate(String id) {
    if (id.length() < 14) {
      return Optional.empty();
    }
    try {
      int y = Integer.parseInt(id.substring(6, 10));
      int m = Integer.parseInt(id.substring(10, 12));
      int d = Integer.parseInt(id.substring(12, 14));
      return Optional.of(LocalDate.of(y, m, d));
    } catch (NumberFormatException | DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The subject types a credit code's first two characters allow, or empty when the prefix accepts
   * any organisation type.
   */
  public static Optional<SubjectType> typeOfPrefix(String creditCode) {
    if (creditCode.length() < 2) {
      return Optional.empty();
    }
    switch (creditCode.substring(0, 2)) {
      case "91":
        return Optional.of(SubjectType.ENTERPRISE);
      case "92":
        return Optional.of(SubjectType.INDIVIDUAL_BUSINESS);
      case "93":
        return Optional.of(SubjectType.FARMER_COOP);
      case "11":
        return Optional.of(SubjectType.GOVERNMENT_AGENCY);
      case "12":
        return Optional.of(SubjectType.PUBLIC_INSTITUTION);
      case "51":
      case "52":
      case "53":
        return Optional.of(SubjectType.SOCIAL_ORG);
      default:
        return Optional.empty();
    }
  }
}

package dev.creditrules.cli.golden;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Subject ids for the golden set, made here (not by the code under test) so that the set does not
 * move when the validator does: unified social credit codes (GB 32100-2015) and resident identity
 * numbers (GB 11643-1999) with correct or deliberately wrong check characters.
 */
final class Ids {
  static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] USCC_WEIGHTS = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
  };
  private static final int[] RID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String RID_CHECKS = "10X98765432";
  static final String[] REGIONS = {
    "110108", "320500", "440300", "310115", "330106", "440106", "320106", "510107", "650102"
  };

  private Ids() {}

  /** The check character of the first 17 characters of a credit code. */
  static char usccCheck(CharSequence first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += USCC_CHARS.indexOf(first17.charAt(i)) * USCC_WEIGHTS[i];
    }
    return USCC_CHARS.charAt((31 - sum % 31) % 31);
  }

  /** A valid credit code with the given two-character prefix. */
  static String uscc(String prefix, SplittableRandom r) {
    StringBuilder code = new StringBuilder(prefix).append(REGIONS[r.nextInt(REGIONS.length)]);
    for (int i = 0; i < 9; i++) {
      code.append(USCC_CHARS.charAt(r.nextInt(USCC_CHARS.length())));
    }
    return code.append(usccCheck(code)).toString();
  }

  /** The check character of the first 17 digits of a resident id. */
  static char residentCheck(CharSequence first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * RID_WEIGHTS[i];
    }
    return RID_CHECKS.charAt(sum % 11);
  }

  /** A valid resident id for a person born on {@code born}. */
  static String resident(LocalDate born, SplittableRandom r) {
    StringBuilder id =
        new StringBuilder(REGIONS[r.nextInt(REGIONS.length)])
            .append(
                String.format(
                    "%04d%02d%02d", born.getYear(), born.getMonthValue(), born.getDayOfMonth()))
            .append(String.format("%03d", r.nextInt(1000)));
    return id.append(residentCheck(id)).toString();
  }

  /** The same id with its last (check) character replaced by a wrong one. */
  static String wrongCheck(String id) {
    char c = id.charAt(id.length() - 1);
    char wrong = c == '1' ? '2' : '1';
    return id.substring(0, id.length() - 1) + wrong;
  }

  /** The birth date a resident id of the usual shape carries, or null. */
  static LocalDate birthOf(String id) {
    if (id == null
        || id.length() != 18
        || !id.substring(0, 17).chars().allMatch(Character::isDigit)) {
      return null;
    }
    try {
      return LocalDate.parse(
          id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14));
    } catch (RuntimeException e) {
      return null;
    }
  }
}

package dev.creditrules.spark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates JSON Lines requests from the contract's fact types: mostly valid requests over the
 * sample subjects, plus invalid lines of every kind (bad JSON, bad ids, unknown types, typos, blank
 * lines). Deterministic for a seed.
 */
final class RequestGenerator {
  static final String TAX = "91110108MA01TAX03C";
  static final String LAB = "91320500MA1LAB002R";
  static final String ENV = "91440300MA5EN1007U";
  static final String PERSON = "110108198001150018";

  private static final String[] ORGS = {TAX, LAB, ENV};
  private static final String[] SECTORS = {
    "market", "tax", "labor", "environment", "research", "food_drug", "other"
  };
  private static final String[] TAX_GRADES = {"A", "B", "M", "C", "D"};
  private static final String[] ENV_GRADES = {"GREEN", "BLUE", "YELLOW", "RED", "BLACK"};
  private static final String[] INVALID = {
    "not json at all",
    "{",
    "[]",
    "{}",
    "{\"requestId\":\"bad-id\",\"asOf\":\"2026-01-01\",\"subject\":{\"id\":\"91350211M000100Y43\","
        + "\"type\":\"ENTERPRISE\"},\"facts\":[]}",
    "{\"requestId\":\"bad-type\",\"asOf\":\"2026-01-01\",\"subject\":{\"id\":\"" + TAX + "\","
        + "\"type\":\"ENTERPRISE\"},\"facts\":[{\"id\":\"x\",\"type\":\"NO_SUCH_FACT\"}]}",
    "{\"requestId\":\"typo\",\"asOf\":\"2026-01-01\",\"subject\":{\"id\":\"" + TAX + "\","
        + "\"type\":\"ENTERPRISE\"},\"facts\":[{\"id\":\"p\",\"type\":\"ADMIN_PENALTY\","
        + "\"sector\":\"market\",\"decidedOn\":\"2025-01-01\",\"severity\":\"GENERAL\","
        + "\"fulfiledOn\":\"2025-02-01\"}]}",
    "{\"requestId\":\"bad-date\",\"asOf\":\"2026-02-30\",\"subject\":{\"id\":\"" + PERSON + "\","
        + "\"type\":\"NATURAL_PERSON\"},\"facts\":[]}",
    "{\"requestId\":\"grade-for-person\",\"asOf\":\"2026-06-01\",\"subject\":{\"id\":\"" + PERSON
        + "\",\"type\":\"NATURAL_PERSON\"},\"facts\":[{\"id\":\"g\",\"type\":\"TAX_GRADE\","
        + "\"year\":2024,\"grade\":\"A\",\"publishedOn\":\"2025-04-20\"}]}",
    "   ",
    "",
  };

  private final Random random;

  RequestGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** {@code count} lines, about one in twenty invalid or blank. */
  List<String> lines(int count) {
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add(
          random.nextInt(20) == 0 ? INVALID[random.nextInt(INVALID.length)] : request("r" + i));
    }
    return lines;
  }

  /** One valid request (as far as the generator knows the contract). */
  String request(String requestId) {
    boolean person = random.nextInt(5) == 0;
    String subject = person ? PERSON : ORGS[random.nextInt(ORGS.length)];
    LocalDate asOf = LocalDate.of(2019, 1, 1).plusDays(random.nextInt(8 * 365));
    StringBuilder json = new StringBuilder();
    json.append("{\"requestId\":\"").append(requestId).append("\",\"asOf\":\"").append(asOf);
    json.append("\",\"subject\":{\"id\":\"").append(subject).append("\",\"type\":\"");
    json.append(person ? "NATURAL_PERSON" : "ENTERPRISE").append("\"");
    if (subject.equals(ENV)) {
      json.append(",\"region\":\"440300\"");
    }
    json.append("},\"facts\":[");
    int facts = random.nextInt(5);
    List<Integer> taxYears = new ArrayList<>();
    List<Integer> envYears = new ArrayList<>();
    for (int f = 0; f < facts; f++) {
      if (f > 0) {
        json.append(',');
      }
      String id = "f" + f;
      String[] types =
          person
              ? new String[] {"ADMIN_PENALTY", "RESEARCH_MISCONDUCT", "JUDGMENT_DEFAULTER"}
              : new String[] {
                "ADMIN_PENALTY",
                "TAX_GRADE",
                "TAX_SERIOUS_LISTING",
                "WAGE_ARREARS_LISTING",
                "ENV_GRADE",
                "RESEARCH_MISCONDUCT",
                "JUDGMENT_DEFAULTER"
              };
      String type = types[random.nextInt(types.length)];
      LocalDate on = asOf.minusDays(random.nextInt(4 * 365));
      json.append("{\"id\":\"").append(id).append("\",\"type\":\"").append(type).append('"');
      switch (type) {
        case "ADMIN_PENALTY" -> {
          String severity = pick("MINOR", "GENERAL", "SERIOUS");
          json.append(",\"sector\":\"").append(SECTORS[random.nextInt(SECTORS.length)]);
          json.append("\",\"decidedOn\":\"").append(on).append("\",\"severity\":\"");
          json.append(severity).append("\",\"kinds\":[\"FINE\"],\"fine\":");
          json.append(1000 * (1 + random.nextInt(500)));
          if (random.nextBoolean()) {
            json.append(",\"fulfilledOn\":\"").append(on.plusDays(random.nextInt(60))).append('"');
          }
          if (severity.equals("SERIOUS") && random.nextInt(4) == 0) {
            json.append(",\"specialSerious\":true");
          }
        }
        case "TAX_GRADE" -> {
          int year = year(taxYears, asOf);
          String grade = TAX_GRADES[random.nextInt(TAX_GRADES.length)];
          json.append(",\"year\":").append(year).append(",\"grade\":\"").append(grade);
          json.append("\",\"publishedOn\":\"").append(LocalDate.of(year + 1, 4, 20)).append('"');
          if (grade.equals("D") && random.nextBoolean()) {
            json.append(",\"directReason\":").append(1 + random.nextInt(13));
          }
        }
        case "TAX_SERIOUS_LISTING" -> {
          json.append(",\"servedOn\":\"").append(on).append("\",\"publishedOn\":\"");
          json.append(on.plusDays(30)).append('"');
          if (random.nextBoolean()) {
            json.append(",\"paidInFullOn\":\"").append(on.plusDays(40 + random.nextInt(300)));
            json.append('"');
          }
        }
        case "WAGE_ARREARS_LISTING" -> {
          json.append(",\"decidedOn\":\"").append(on).append('"');
          if (random.nextBoolean()) {
            json.append(",\"paidInFullOn\":\"").append(on.plusDays(random.nextInt(200)));
            json.append('"');
          }
        }
        case "ENV_GRADE" -> {
          int year = year(envYears, asOf);
          json.append(",\"year\":").append(year).append(",\"grade\":\"");
          json.append(ENV_GRADES[random.nextInt(ENV_GRADES.length)]).append("\",\"publishedOn\":\"");
          json.append(LocalDate.of(year + 1, 6, 9)).append('"');
          if (random.nextBoolean()) {
            json.append(",\"province\":\"").append(pick("44", "32", "11")).append('"');
          }
        }
        case "RESEARCH_MISCONDUCT" -> {
          json.append(",\"decidedOn\":\"").append(on).append("\",\"misconduct\":\"RM-0");
          json.append(1 + random.nextInt(8)).append("\",\"severity\":\"");
          json.append(pick("LIGHT", "SERIOUS", "GRAVE")).append('"');
          if (random.nextBoolean()) {
            json.append(",\"banYears\":").append(1 + random.nextInt(5));
          }
        }
        case "JUDGMENT_DEFAULTER" -> {
          json.append(",\"listedOn\":\"").append(on).append('"');
          if (random.nextBoolean()) {
            json.append(",\"termYears\":").append(1 + random.nextInt(5));
          }
          if (random.nextBoolean()) {
            json.append(",\"fulfilledOn\":\"").append(on.plusDays(random.nextInt(400)));
            json.append('"');
          }
        }
        default -> throw new IllegalStateException(type);
      }
      json.append('}');
    }
    return json.append("]}").toString();
  }

  /** A grade year over before {@code asOf} (published the next spring), unused so far. */
  private int year(List<Integer> used, LocalDate asOf) {
    int year;
    do {
      year = asOf.getYear() - 2 - random.nextInt(4);
    } while (used.contains(year));
    used.add(year);
    return year;
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }
}

package dev.creditrules.runtime;

import java.io.ByteArrayInputStream;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * Converts a spreadsheet decision table (drools-decisiontables: CSV or XLSX) into DRL, so that
 * compilation, lint, coverage, diff and explanations treat a table exactly like a DRL file.
 */
final class DecisionTables {
  private DecisionTables() {}

  /**
   * The DRL of the table in {@code path}.
   *
   * @throws IllegalArgumentException naming the file when the table is malformed
   */
  static String toDrl(String path, byte[] content) {
    InputType type = path.endsWith(".csv") ? InputType.CSV : InputType.XLS;
    try {
      String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(content), type);
      if (drl == null || drl.isBlank()) {
        throw new IllegalArgumentException(path + ": the decision table produced no rules");
      }
      return drl;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(path + ": not a valid decision table: " + e.getMessage(), e);
    }
  }
}

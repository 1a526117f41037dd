package dev.creditrules.api;

/** A repair condition that is not met, with the message shown to people. */
public enum UnmetCode {
  MIN_PERIOD("最短公示期或等待期未满"),
  OBLIGATIONS_UNFULFILLED("尚未履行法定义务或缴清款项"),
  COMMITMENT_MISSING("尚未作出信用承诺"),
  NEW_VIOLATION("存在新的失信行为"),
  CORRECTION_MISSING("尚未纠正失信行为或完成整改"),
  WINDOW_CLOSED("修复申请期限已过"),
  NOT_REPAIRABLE("依规定不予修复"),
  NO_PROCEDURE("无修复程序，期满自动终止"),
  ON_LIST("仍在经营异常名录或严重违法失信名单中");

  private final String message;

  UnmetCode(String message) {
    this.message = message;
  }

  /** The message in Chinese. */
  public String message() {
    return message;
  }
}

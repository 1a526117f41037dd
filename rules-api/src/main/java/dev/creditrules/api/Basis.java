package dev.creditrules.api;

import java.util.Objects;

/**
 * A legal basis: the instrument's title, its document number and the article.
 *
 * @param title for example 纳税缴费信用管理办法
 * @param number for example 国家税务总局公告2025年第12号
 * @param article for example 第三十四条
 */
public record Basis(String title, String number, String article) {
  public Basis {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(article, "article");
  }
}

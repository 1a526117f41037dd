package dev.creditrules.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service that decides requests with credit-rules: {@code POST /decisions} (see
 * {@link DecisionsController}), Actuator's health, metrics and Prometheus endpoints. Everything
 * credit-rules comes from {@code credit-rules-spring-boot-starter}: the shared {@code CreditRules},
 * the contract's JSON through Boot's {@code ObjectMapper}, the 422 error body, the health indicator
 * and the meters.
 *
 * <pre>
 * mvn -pl examples/spring-boot -am spring-boot:run          # the shipped packs, port 8080
 * java -jar examples/spring-boot/target/examples-spring-boot-*.jar \
 *     --credit-rules.packs.directory=/srv/packs             # a live pack directory
 * </pre>
 */
@SpringBootApplication
public class DecisionsApplication {
  public static void main(String[] args) {
    SpringApplication.run(DecisionsApplication.class, args);
  }
}

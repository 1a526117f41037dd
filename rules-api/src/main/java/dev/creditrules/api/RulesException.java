package dev.creditrules.api;

/**
 * Base of the exceptions this library throws for problems a caller can act on. Programming errors
 * (a null argument) throw the standard JDK exceptions instead. A business "no" is never an
 * exception: it is data in the {@link Decision}.
 */
public abstract sealed class RulesException extends RuntimeException
    permits InvalidRequestException, PackException {

  private static final long serialVersionUID = 1L;

  RulesException(String message) {
    super(message);
  }
}

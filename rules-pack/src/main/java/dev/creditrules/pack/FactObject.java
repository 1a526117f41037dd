package dev.creditrules.pack;

import java.util.Objects;

/**
 * What every class rules match on extends. The runtime generates one final subclass per declared
 * fact type ({@code dev.creditrules.facts.HarbourListing}), with a record-style accessor and a bean
 * getter for each declared field; rules never create these objects, the runtime does, one per fact
 * of a request.
 */
public abstract class FactObject {
  private final String id;
  private final String type;
  private final String authority;
  private final String documentNo;

  /**
   * @param id the fact's id
   * @param type the fact's type name
   * @param authority the authority, or {@code null}
   * @param documentNo the document number, or {@code null}
   */
  protected FactObject(String id, String type, String authority, String documentNo) {
    this.id = Objects.requireNonNull(id, "id");
    this.type = Objects.requireNonNull(type, "type");
    this.authority = authority;
    this.documentNo = documentNo;
  }

  /** The fact's id, unique in its request. */
  public final String id() {
    return id;
  }

  /** The fact's id (bean form). */
  public final String getId() {
    return id;
  }

  /** The fact's type name, as its pack declares it (for example {@code HARBOUR_LISTING}). */
  public final String type() {
    return type;
  }

  /** The fact's type name (bean form). */
  public final String getType() {
    return type;
  }

  /** The authority that made the record, or {@code null}. */
  public final String authority() {
    return authority;
  }

  /** The authority (bean form). */
  public final String getAuthority() {
    return authority;
  }

  /** The document number, or {@code null}. */
  public final String documentNo() {
    return documentNo;
  }

  /** The document number (bean form). */
  public final String getDocumentNo() {
    return documentNo;
  }

  @Override
  public String toString() {
    return type + "[id=" + id + "]";
  }
}

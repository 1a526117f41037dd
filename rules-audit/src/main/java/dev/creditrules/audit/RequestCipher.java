package dev.creditrules.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts and decrypts stored inputs with AES-256-GCM (JDK only). Each input gets a fresh random
 * 96-bit nonce; the record's decision id and input digest are authenticated with it, so a
 * ciphertext cannot be moved to another record unnoticed. The key id ({@link #keyId()}) is derived
 * from the key, so that replay can tell a wrong key from a damaged record. Thread-safe.
 */
public final class RequestCipher {
  static final String ALGORITHM = "AES-256-GCM";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  private RequestCipher(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.keyId = keyId(key);
  }

  /** A cipher over a 32-byte key. */
  public static RequestCipher of(byte[] key) {
    return new RequestCipher(Objects.requireNonNull(key, "key"));
  }

  /**
   * A cipher over the key in {@code file}: 32 bytes, Base64-encoded (surrounding white space
   * ignored), for example made with {@code head -c 32 /dev/urandom | base64 > key}.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it does not hold a Base64 32-byte key
   */
  public static RequestCipher fromFile(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key file " + file + " does not hold Base64", e);
    }
    try {
      return new RequestCipher(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * {@code sha256:} and the first 16 hex digits of the key's SHA-256: names the key, reveals
   * nothing.
   */
  public String keyId() {
    return keyId;
  }

  /** A sealed input: nonce and ciphertext (with the GCM tag), both Base64 in the log. */
  record Sealed(byte[] nonce, byte[] ciphertext) {}

  Sealed encrypt(String plain, String associated) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
      return new Sealed(nonce, c.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The plain text.
   *
   * @throws GeneralSecurityException when the key is wrong or the record was changed
   */
  String decrypt(Sealed sealed, String associated) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
    c.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
    return new String(c.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
  }

  private static String keyId(byte[] key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
      return "sha256:" + HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

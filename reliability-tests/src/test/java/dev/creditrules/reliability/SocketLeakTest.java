package dev.creditrules.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No connection state leaks when clients drop mid-request (issue 16, item 6): 1000 clients (50 at a
 * time) each send a request's header and half its body (half of them) or all of it (the others),
 * then go before the answer: every other one with a reset (SO_LINGER 0), the others with a plain
 * close.
 *
 * <p>Asserts: the service's open file descriptors (entries of {@code /proc/<pid>/fd}) return to
 * their count before the drops (within {@code -Dleak.slack}, default 5) within the idle timeout and
 * 20 s, and the service still answers. The service runs with {@code --idle-timeout} of {@code
 * -Dleak.idleSeconds} (default 5) when it has the option.
 */
class SocketLeakTest {
  @Test
  void clientsDroppingMidRequestLeaveNoOpenDescriptors(@TempDir Path tmp) throws Exception {
    int clients = Figures.intProperty("leak.clients", 1000);
    int idle = Figures.intProperty("leak.idleSeconds", 5);
    int slack = Figures.intProperty("leak.slack", 5);
    boolean option = Service.has("--idle-timeout");
    Figures figures = new Figures("socket-leak", clients + " clients dropping mid-request");
    int serverIdle = option ? idle : 30;
    byte[] body = Files.readAllBytes(LoadTest.REQUEST);

    try (Service service =
        Service.start(
            tmp.resolve("serve"), option ? List.of("--idle-timeout", idle + "s") : List.of())) {
      for (int i = 0; i < 20; i++) {
        assertThat(decide(service, body)).as("warm-up").startsWith("HTTP/1.1 200");
      }
      Thread.sleep(2000);
      long baseline = service.openFds();

      ExecutorService pool = Executors.newFixedThreadPool(50);
      List<Future<?>> drops = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        boolean reset = i % 2 == 0;
        boolean whole = i % 4 >= 2;
        drops.add(pool.submit(() -> drop(service, body, whole, reset)));
      }
      for (Future<?> f : drops) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      long afterDrops = service.openFds();
      long start = System.nanoTime();
      long now = afterDrops;
      long limit = TimeUnit.SECONDS.toNanos(serverIdle + 20L);
      while (now > baseline + slack && System.nanoTime() - start < limit) {
        Thread.sleep(500);
        now = service.openFds();
      }
      double back = (System.nanoTime() - start) / 1e9;
      String answer = decide(service, body);

      figures
          .service(service)
          .line(
              "Each client sends a request's header (Content-Length "
                  + body.length
                  + ") and half its body (half the clients) or all of it (the others), then goes"
                  + " before the answer: with a reset (every other one) or a plain close. Server"
                  + " idle timeout: "
                  + serverIdle
                  + " s"
                  + (option ? "" : " (serve has no --idle-timeout: assumed 30 s)")
                  + ".")
          .line("")
          .line("| open fds before | right after the drops | at the end | seconds waited |")
          .line("|---:|---:|---:|---:|")
          .line(
              "| "
                  + baseline
                  + " | "
                  + afterDrops
                  + " | "
                  + now
                  + " | "
                  + String.format(java.util.Locale.ROOT, "%.1f", back)
                  + " |")
          .write();

      assertThat(now)
          .as(
              "open fds %.0f s after %d dropped clients (before: %d, right after: %d)",
              back, clients, baseline, afterDrops)
          .isLessThanOrEqualTo(baseline + slack);
      assertThat(answer).as("the service still answers").startsWith("HTTP/1.1 200");
    }
  }

  /**
   * One client that goes mid-request: after half the body, or after the whole request but before
   * the answer; with a reset or a plain close.
   */
  static Void drop(Service service, byte[] body, boolean whole, boolean reset) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
      OutputStream out = s.getOutputStream();
      out.write(header(service, body.length).getBytes(StandardCharsets.US_ASCII));
      out.write(whole ? body : Arrays.copyOf(body, body.length / 2));
      out.flush();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (reset) {
        s.setSoLinger(true, 0);
      }
    }
    return null;
  }

  /** One whole request on its own connection ({@code Connection: close}): the status line. */
  static String decide(Service service, byte[] body) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          header(service, body.length)
              .replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = response.indexOf("\r\n");
      return end < 0 ? response : response.substring(0, end);
    }
  }

  static String header(Service service, int length) {
    return "POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + service.authorizationLine()
        + "Content-Length: "
        + length
        + "\r\n\r\n";
  }
}

package dev.creditrules.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 slow clients and normal traffic (issue 16, item 6): 200 connections each send half a request
 * header and stall; meanwhile 4 connections post TAX-EX-01 as fast as they are answered, for the
 * idle timeout and 10 s more.
 *
 * <p>Asserts: the normal requests are all answered 200, with no socket error and a p99 under {@code
 * -Dslow.maxP99Ms} (default 1000); the server closes every stalled connection within its idle
 * timeout and 10 s. The service runs with {@code --idle-timeout} of {@code -Dslow.idleSeconds}
 * (default 5) when it has the option (its default is 30 s).
 */
class SlowClientsTest {
  @Test
  void stalledClientsHoldNoWorkerAndAreClosedByTheIdleTimeout(@TempDir Path tmp) throws Exception {
    int slow = Figures.intProperty("slow.clients", 200);
    int idle = Figures.intProperty("slow.idleSeconds", 5);
    int maxP99Ms = Figures.intProperty("slow.maxP99Ms", 1000);
    boolean option = Service.has("--idle-timeout");
    Figures figures = new Figures("slow-clients", slow + " slow clients beside normal traffic");
    int serverIdle = option ? idle : 30;
    byte[] body = Files.readAllBytes(LoadTest.REQUEST);

    try (Service service =
        Service.start(
            tmp.resolve("serve"), option ? List.of("--idle-timeout", idle + "s") : List.of())) {
      long start = System.nanoTime();
      AtomicLongArray closedAfterMs = new AtomicLongArray(slow);
      List<Thread> readers = new ArrayList<>();
      List<Socket> sockets = new ArrayList<>();
      for (int i = 0; i < slow; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), service.port());
        sockets.add(s);
        OutputStream out = s.getOutputStream();
        out.write(
            "POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        s.setSoTimeout((serverIdle + 30) * 1000);
        int index = i;
        long opened = System.nanoTime();
        closedAfterMs.set(index, -1);
        Thread reader =
            new Thread(
                () -> {
                  try (InputStream in = s.getInputStream()) {
                    byte[] buffer = new byte[1024];
                    while (in.read(buffer) >= 0) {
                      // a 408 or 400 may come before the end of the stream
                    }
                    closedAfterMs.set(index, (System.nanoTime() - opened) / 1_000_000);
                  } catch (SocketTimeoutException e) {
                    // still open: stays -1
                  } catch (SocketException e) {
                    closedAfterMs.set(index, (System.nanoTime() - opened) / 1_000_000); // reset
                  } catch (IOException e) {
                    // left at -1
                  }
                },
                "slow-" + i);
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
      }

      Load.Run normal =
          Load.closed(
              "normal traffic beside " + slow + " stalled clients",
              Load.client(),
              n ->
                  service
                      .request("/v1/decisions")
                      .header("Content-Type", "application/json")
                      .timeout(Duration.ofSeconds(10))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
              4,
              Duration.ofSeconds(idle + 10L),
              Long.MAX_VALUE);
      for (Thread r : readers) {
        r.join(Math.max(1, (serverIdle + 35) * 1000L - (System.nanoTime() - start) / 1_000_000));
      }
      long closed = 0;
      long latest = 0;
      for (int i = 0; i < slow; i++) {
        long ms = closedAfterMs.get(i);
        if (ms >= 0) {
          closed++;
          latest = Math.max(latest, ms);
        }
      }
      for (Socket s : sockets) {
        s.close();
      }

      figures
          .service(service)
          .line(
              "Each slow client sends `POST /v1/decisions HTTP/1.1`, a Host header and half of a"
                  + " third, then nothing. Server idle timeout: "
                  + serverIdle
                  + " s"
                  + (option ? "" : " (serve has no --idle-timeout: assumed 30 s)")
                  + ".")
          .line("")
          .line(Load.Run.header())
          .line(normal.row())
          .line("")
          .line(
              String.format(
                  Locale.ROOT,
                  "Stalled connections closed by the server: %d of %d, the last %.1f s after it"
                      + " opened.",
                  closed,
                  slow,
                  latest / 1000.0))
          .write();

      assertThat(normal.socketErrors.sum()).as("normal traffic: socket errors %s", normal).isZero();
      assertThat(normal.status(200))
          .as("normal traffic: every answer 200 %s", normal)
          .isPositive()
          .isEqualTo(normal.answered());
      assertThat(Load.Run.ms(normal.accepted, 99))
          .as("normal traffic: p99 (ms)")
          .isLessThanOrEqualTo(maxP99Ms);
      assertThat(closed).as("stalled connections the server closed").isEqualTo(slow);
      assertThat(latest)
          .as("the last stalled connection closed after (ms)")
          .isLessThanOrEqualTo((serverIdle + 10) * 1000L);
    }
  }
}

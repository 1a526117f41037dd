package dev.creditrules.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for {@code serve}: the action runs instead of the JVM's exit, so the process
 * stops gracefully and {@code main} exits 0 (a shutdown hook would run while the JVM is already
 * exiting with 143, which a service manager counts as a failure). Uses {@code sun.misc.Signal}
 * (module {@code jdk.unsupported}, no flags needed); where a signal cannot be handled (for example
 * under {@code -Xrs}) a shutdown hook runs the action instead.
 */
final class Signals {
  private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

  private record Installed(Signal signal, SignalHandler previous) {}

  private final List<Installed> installed = new ArrayList<>();
  private final Thread hook;
  private boolean hooked;

  private Signals(Runnable action) {
    this.hook = new Thread(action, "credit-rules-shutdown");
  }

  /** Runs {@code action} once, on its own thread, on the first SIGTERM or SIGINT. */
  static Signals onTerminate(Runnable action) {
    Signals s = new Signals(action);
    SignalHandler handler =
        sig -> {
          synchronized (s) {
            if (s.hook.getState() == Thread.State.NEW) {
              s.hook.start();
            }
          }
        };
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal signal = new Signal(name);
        s.installed.add(new Installed(signal, Signal.handle(signal, handler)));
      } catch (IllegalArgumentException e) {
        LOG.debug("SIG{} cannot be handled here: {}", name, e.getMessage());
      }
    }
    if (s.installed.size() < 2) {
      Runtime.getRuntime().addShutdownHook(s.hook);
      s.hooked = true;
    }
    return s;
  }

  /** Puts the JVM's previous handlers back (after the service has stopped). */
  synchronized void restore() {
    for (Installed i : installed) {
      Signal.handle(i.signal(), i.previous());
    }
    installed.clear();
    if (hooked) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is what stopped the service
      }
      hooked = false;
    }
  }
}

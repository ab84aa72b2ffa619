package dev.citadel.client.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/** One JVM shutdown hook that runs registered clean-up actions, newest first. */
public final class Shutdown {

  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
  private static final Deque<Action> ACTIONS = new ArrayDeque<>();
  private static boolean hookInstalled;

  private Shutdown() {
  }

  /**
   * Registers an action to run when the JVM exits.
   *
   * @param description what the action does, for logs
   * @param action the action; failures are logged, not thrown
   */
  public static synchronized void register(String description, Runnable action) {
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(Shutdown::runAll, "citadel-testkit-shutdown"));
      hookInstalled = true;
    }
    ACTIONS.push(new Action(description, action));
  }

  private static void runAll() {
    while (true) {
      Action action;
      synchronized (Shutdown.class) {
        action = ACTIONS.poll();
      }
      if (action == null) {
        return;
      }
      try {
        action.runnable.run();
      } catch (RuntimeException | Error e) {
        LOG.warn("Citadel test kit clean-up failed: {}: {}", action.description, e.toString());
      }
    }
  }

  private static final class Action {
    private final String description;
    private final Runnable runnable;

    Action(String description, Runnable runnable) {
      this.description = description;
      this.runnable = runnable;
    }
  }
}

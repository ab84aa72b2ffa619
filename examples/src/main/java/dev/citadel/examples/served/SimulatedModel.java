package dev.citadel.examples.served;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A SIMULATED model: no model weights are available here, so this stands in for the host's model
 * call. It takes {@code served.model-latency}, fails a {@code served.model-failure-rate} share of
 * its calls with {@link ModelFailedException}, and answers with a text naming the question and
 * the sources it was given. Thread-safe.
 */
final class SimulatedModel {
  private final Duration latency;
  private final double failureRate;
  private final AtomicLong calls = new AtomicLong();

  SimulatedModel(Duration latency, double failureRate) {
    this.latency = latency;
    this.failureRate = failureRate;
  }

  /** The model's answer. */
  record Completion(String text, int promptTokens, int completionTokens) {}

  /**
   * One call: the model {@code model} answers {@code question} given the conversation memory (the
   * question included) and the retrieved context.
   *
   * @throws ModelFailedException for the configured share of calls
   */
  Completion complete(String model, String question, List<String> history, List<String> sources) {
    calls.incrementAndGet();
    try {
      Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelFailedException(model + " was interrupted");
    }
    if (failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate) {
      throw new ModelFailedException("the simulated model " + model + " failed (served.model-failure-rate "
          + failureRate + ")");
    }
    String text = "[simulated " + model + "] You asked: " + question + " Memory: " + history.size()
        + " messages; sources: " + (sources.isEmpty() ? "none" : String.join(" | ", sources));
    int prompt = tokens(question) + history.stream().mapToInt(SimulatedModel::tokens).sum();
    return new Completion(text, prompt, tokens(text));
  }

  /** Calls so far, failed ones included. */
  long calls() {
    return calls.get();
  }

  static int tokens(String text) {
    return text.isBlank() ? 0 : text.trim().split("\\s+").length;
  }

  /** The simulated model failed (on purpose, at the configured rate). */
  static final class ModelFailedException extends RuntimeException {
    ModelFailedException(String message) {
      super(message);
    }
  }
}

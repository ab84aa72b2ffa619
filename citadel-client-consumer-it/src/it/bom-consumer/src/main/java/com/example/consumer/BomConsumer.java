package com.example.consumer;

import dev.citadel.client.cache.CitadelCache;
import dev.citadel.client.cache.Slot;
import dev.citadel.client.config.CitadelConfig;
import java.util.function.Function;

/** Compiled, never run: uses the cache module and, through it, core (a transitive dependency). */
public final class BomConsumer {
  private BomConsumer() {}

  public static void main(String[] args) {
    Function<CitadelConfig, CitadelCache> open = CitadelCache::create;
    System.out.println(open + " " + Slot.SESSIONS.database());
  }
}

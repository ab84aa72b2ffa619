package com.example.boot;

import dev.citadel.client.Citadel;
import dev.citadel.client.db.Database;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Compiled, never run: a Boot application using the starter's beans. */
@SpringBootApplication
public class BootConsumer {

  public static void main(String[] args) {
    SpringApplication.run(BootConsumer.class, args);
  }

  @Bean
  ApplicationRunner report(Citadel citadel, Database db) {
    return args -> System.out.println(citadel.health() + " " + db.models().models());
  }
}

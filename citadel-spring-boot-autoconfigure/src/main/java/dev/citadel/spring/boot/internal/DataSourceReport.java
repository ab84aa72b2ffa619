package dev.citadel.spring.boot.internal;

import dev.citadel.client.Citadel;
import dev.citadel.client.config.DatabaseConfig;
import dev.citadel.client.db.Endpoint;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;

/**
 * Says once, at start-up, which {@code DataSource} is which: citadel-client's pooled and direct
 * endpoints, and whether the application's {@code DataSource} bean is the pooled endpoint
 * ({@code citadel.database.expose-data-source=true}) or a separate pool of Boot's.
 */
public final class DataSourceReport implements SmartInitializingSingleton {
  private static final Logger LOG = LoggerFactory.getLogger("dev.citadel.spring.boot");

  private final ObjectProvider<Citadel> citadel;
  private final Environment environment;
  private final ListableBeanFactory beans;
  private String line;

  public DataSourceReport(ObjectProvider<Citadel> citadel, Environment environment, ListableBeanFactory beans) {
    this.citadel = citadel;
    this.environment = environment;
    this.beans = beans;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Citadel client = citadel.getIfAvailable();
    if (client == null) {
      return;
    }
    DatabaseConfig db = client.config().database();
    String pools = "pooled endpoint " + db.host() + ":" + db.port() + "/" + db.database() + ", direct endpoint "
        + db.directHost() + ":" + db.directPort() + "/" + db.database();
    List<String> names = Arrays.asList(beans.getBeanNamesForType(DataSource.class, false, false));
    boolean exposed = Boolean.parseBoolean(environment.getProperty("citadel.database.expose-data-source", "false"));
    DataSource pooled = exposed ? client.database().dataSource(Endpoint.POOLED) : null;
    List<String> ours = names.stream().filter(n -> pooled != null && beans.getBean(n) == pooled).toList();
    if (!ours.isEmpty()) {
      line = "citadel-client: the application's DataSource " + ours + " is citadel-client's " + pools
          + " pool (citadel.database.expose-data-source=true): JdbcTemplate and JPA share it";
    } else if (!names.isEmpty()) {
      line = "citadel-client: uses its own pools (" + pools + "); the application's DataSource " + names
          + " is separate" + (exposed ? " (defined by the application, so citadel.database.expose-data-source"
              + " did not replace it)" : " (citadel.database.expose-data-source=true would make it the pooled"
              + " endpoint)");
    } else {
      line = "citadel-client: uses its own pools (" + pools + "); the application has no DataSource bean";
    }
    LOG.info(line);
  }

  /** The line logged at start-up, or null before. */
  public String line() {
    return line;
  }
}

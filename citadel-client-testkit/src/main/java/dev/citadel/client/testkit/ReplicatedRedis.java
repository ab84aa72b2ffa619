package dev.citadel.client.testkit;

import dev.citadel.client.testkit.internal.EmbeddedReplicatedRedis;
import java.util.List;

/**
 * Redis with replicas that take over when a master dies, for failover tests. Always embedded (the kit's
 * {@code redis-server} binary on free ports of {@code 127.0.0.1}) and private to the test that starts it (it kills
 * servers): {@link #sentinel()} is a master, one replica and one Sentinel (quorum 1, a master is down after 1 s);
 * {@link #cluster()} is three masters with one replica each ({@code cluster-node-timeout} 1 s). Its
 * {@link ConfigValues} are the {@code redis.*} settings of sentinel or cluster mode.
 *
 * <p>{@link #close()} stops every process and deletes its files; the kit also does that at JVM exit.
 */
public interface ReplicatedRedis extends ConfigValues, AutoCloseable {

  /**
   * Starts a master, a replica of it and a Sentinel watching them as {@code mymaster}, and returns once the
   * Sentinel knows the replica.
   *
   * @return the running servers
   * @throws IllegalStateException when a process cannot start or the Sentinel does not become ready
   */
  static ReplicatedRedis sentinel() {
    return EmbeddedReplicatedRedis.sentinel();
  }

  /**
   * Starts three cluster masters and one replica per master, and returns once every node reports
   * {@code cluster_state:ok} and every replica is in sync.
   *
   * @return the running cluster
   * @throws IllegalStateException when a node cannot start or the cluster does not become ready
   */
  static ReplicatedRedis cluster() {
    return EmbeddedReplicatedRedis.cluster();
  }

  /**
   * Returns the masters as they were started ({@code host:port}); one master for Sentinel.
   *
   * @return the first masters
   */
  List<String> masters();

  /**
   * Returns the replicas as they were started ({@code host:port}), the one of master {@code i} at index {@code i}.
   *
   * @return the first replicas
   */
  List<String> replicas();

  /**
   * Kills the server at {@code address} with SIGKILL (a crashed host: nothing saved, sockets reset).
   *
   * @param address a master or replica of this setup
   */
  void kill(String address);

  /**
   * Returns the address the deployment currently names as the master of the first master's data: what the
   * Sentinel reports, or in a cluster the node that serves hash slot 0 according to a live node.
   *
   * @return {@code host:port}
   * @throws IllegalStateException when no live server names one (a cluster between a master's death and its
   *     replica's election)
   */
  String currentMaster();

  /** Stops every process and deletes its files. Idempotent. */
  @Override
  void close();
}

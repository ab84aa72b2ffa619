package dev.citadel.client.vector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.vector.config.QdrantConfig;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.CollectionState;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.PayloadFieldType;
import dev.citadel.client.vector.VectorException;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.HnswConfigDiff;
import io.qdrant.client.grpc.Collections.PayloadSchemaInfo;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import org.junit.jupiter.api.Test;

/** What a spec becomes on the wire, and what Qdrant's answer becomes, without a server. */
class QdrantCollectionsTest {
  private final QdrantConfig config = QdrantConfig.builder().shardNumber(2).replicationFactor(2)
      .writeConsistencyFactor(2).build();

  @Test
  void distributionComesFromTheSpecElseTheConfigAndWritesNeverExceedReplicas() {
    CreateCollection fromConfig = QdrantCollections.createRequest(CollectionSpec.builder("c", 3).hnswM(24)
        .distance(Distance.DOT).build(), config);
    assertThat(fromConfig.getVectorsConfig().getParams().getSize()).isEqualTo(3);
    assertThat(fromConfig.getVectorsConfig().getParams().getDistance())
        .isEqualTo(io.qdrant.client.grpc.Collections.Distance.Dot);
    assertThat(fromConfig.getHnswConfig().getM()).isEqualTo(24);
    assertThat(fromConfig.getShardNumber()).isEqualTo(2);
    assertThat(fromConfig.getReplicationFactor()).isEqualTo(2);
    assertThat(fromConfig.getWriteConsistencyFactor()).isEqualTo(2);

    CreateCollection fromSpec = QdrantCollections.createRequest(CollectionSpec.builder("c", 3).shardNumber(3)
        .replicationFactor(1).build(), config);
    assertThat(fromSpec.getShardNumber()).isEqualTo(3);
    assertThat(fromSpec.getReplicationFactor()).isEqualTo(1);
    assertThat(fromSpec.getWriteConsistencyFactor()).as("the configured 2, capped at 1 replica").isEqualTo(1);
  }

  @Test
  void qdrantsAnswerBecomesAStateWithTheIndexesTheSdkCanName() {
    CollectionInfo info = CollectionInfo.newBuilder().setPointsCount(5)
        .setConfig(CollectionConfig.newBuilder().setHnswConfig(HnswConfigDiff.newBuilder().setM(16))
            .setParams(CollectionParams.newBuilder().setShardNumber(1).setReplicationFactor(1)
                .setWriteConsistencyFactor(1).setVectorsConfig(VectorsConfig.newBuilder().setParams(
                    VectorParams.newBuilder().setSize(4).setDistance(io.qdrant.client.grpc.Collections.Distance.Euclid)))))
        .putPayloadSchema("tags", PayloadSchemaInfo.newBuilder().setDataType(PayloadSchemaType.Keyword).build())
        .putPayloadSchema("where", PayloadSchemaInfo.newBuilder().setDataType(PayloadSchemaType.Geo).build())
        .build();

    CollectionState state = QdrantCollections.stateOf("c", info);

    assertThat(state.vectorSize()).isEqualTo(4);
    assertThat(state.distance()).isEqualTo(Distance.EUCLID);
    assertThat(state.pointsCount()).isEqualTo(5);
    assertThat(state.hnswM()).isEqualTo(16);
    assertThat(state.payloadIndexes()).as("geo has no SDK name").containsExactly(
        java.util.Map.entry("tags", PayloadFieldType.KEYWORD));
  }

  @Test
  void namedVectorsAreRefusedNamingTheCollection() {
    CollectionInfo named = CollectionInfo.newBuilder().setConfig(CollectionConfig.newBuilder()
        .setParams(CollectionParams.newBuilder().setVectorsConfig(VectorsConfig.newBuilder()
            .setParamsMap(VectorParamsMap.newBuilder().putMap("text", VectorParams.newBuilder().setSize(2)
                .setDistance(io.qdrant.client.grpc.Collections.Distance.Cosine).build())))))
        .build();

    assertThatThrownBy(() -> QdrantCollections.stateOf("multi", named)).isInstanceOf(VectorException.class)
        .hasMessageContaining("'multi'").hasMessageContaining("named vectors");
  }
}

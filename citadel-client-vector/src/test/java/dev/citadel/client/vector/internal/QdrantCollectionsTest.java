package dev.citadel.client.vector.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citadel.client.vector.config.QdrantConfig;
import dev.citadel.client.vector.CollectionSpec;
import dev.citadel.client.vector.CollectionState;
import dev.citadel.client.vector.Distance;
import dev.citadel.client.vector.PayloadFieldType;
import dev.citadel.client.InvalidArgumentException;
import dev.citadel.client.vector.DenseVectorSpec;
import dev.citadel.client.vector.SparseModifier;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
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
  void namedDenseAndSparseVectorsGoIntoTheCreationRequestAndComeBackInTheState() {
    CollectionSpec spec = CollectionSpec.builder("multi").namedVector("title", 2, Distance.COSINE)
        .namedVector("body", 3, Distance.DOT).sparseVector("text", SparseModifier.IDF)
        .sparseVector("tags", SparseModifier.NONE).build();
    CreateCollection create = QdrantCollections.createRequest(spec, config);
    assertThat(create.getVectorsConfig().getParamsMap().getMapMap()).containsOnlyKeys("title", "body");
    assertThat(create.getVectorsConfig().getParamsMap().getMapMap().get("body").getSize()).isEqualTo(3);
    assertThat(create.getSparseVectorsConfig().getMapMap().get("text").getModifier()).isEqualTo(Modifier.Idf);
    assertThat(create.getSparseVectorsConfig().getMapMap().get("tags").getModifier()).isEqualTo(Modifier.None);

    CollectionInfo named = CollectionInfo.newBuilder().setConfig(CollectionConfig.newBuilder()
        .setParams(CollectionParams.newBuilder().setVectorsConfig(VectorsConfig.newBuilder()
            .setParamsMap(VectorParamsMap.newBuilder()
                .putMap("title", VectorParams.newBuilder().setSize(2)
                    .setDistance(io.qdrant.client.grpc.Collections.Distance.Cosine).build())
                .putMap("body", VectorParams.newBuilder().setSize(3)
                    .setDistance(io.qdrant.client.grpc.Collections.Distance.Dot).build())))
            .setSparseVectorsConfig(SparseVectorConfig.newBuilder()
                .putMap("text", SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build())
                .putMap("tags", SparseVectorParams.getDefaultInstance()))))
        .build();
    CollectionState state = QdrantCollections.stateOf("multi", named);
    assertThat(state.vectorSize()).isZero();
    assertThat(state.namedVectors()).containsEntry("title", new DenseVectorSpec(2, Distance.COSINE))
        .containsEntry("body", new DenseVectorSpec(3, Distance.DOT)).hasSize(2);
    assertThat(state.sparseVectors()).containsEntry("text", SparseModifier.IDF)
        .containsEntry("tags", SparseModifier.NONE).hasSize(2);
    assertThat(spec.vectorsMatch(state)).isTrue();
    assertThat(spec.toBuilder().sparseVector("text", SparseModifier.NONE).build().vectorsMatch(state)).isFalse();
    assertThat(CollectionSpec.builder("multi", 2).build().vectorsMatch(state)).isFalse();
  }

  @Test
  void aSpecHasEitherTheUnnamedVectorOrNamedOnesAndNoNameTwice() {
    assertThatThrownBy(() -> CollectionSpec.builder("c", 3).namedVector("a", 3, Distance.COSINE).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("vectorSize")
        .hasMessageContaining("[a]");
    assertThatThrownBy(() -> CollectionSpec.builder("c").build()).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("vectorSize");
    assertThatThrownBy(() -> CollectionSpec.builder("c").namedVector("a", 3, Distance.COSINE)
        .sparseVector("a", SparseModifier.IDF).build()).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("'a'");
    assertThatThrownBy(() -> CollectionSpec.builder("c").namedVector("", 3, Distance.COSINE).build())
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("empty");
    assertThat(CollectionSpec.builder("c", 3).sparseVector("text", SparseModifier.IDF).build().hasNamedVectors())
        .isFalse();
  }
}

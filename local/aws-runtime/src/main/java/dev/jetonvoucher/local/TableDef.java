package dev.jetonvoucher.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::DynamoDB::Table} of template.yaml, with what a local endpoint needs to create it.
 *
 * @param attributeTypes attribute name to its type (S, N or B), in template order
 * @param billingMode PAY_PER_REQUEST or PROVISIONED (CloudFormation's default when the template says nothing)
 * @param timeToLiveAttribute the TTL attribute when TimeToLiveSpecification is enabled
 */
public record TableDef(
        String logicalId,
        List<KeyElement> keySchema,
        Map<String, String> attributeTypes,
        List<Index> globalSecondaryIndexes,
        List<Index> localSecondaryIndexes,
        String billingMode,
        Optional<Throughput> provisionedThroughput,
        Optional<String> timeToLiveAttribute) {

    public TableDef {
        keySchema = List.copyOf(keySchema);
        attributeTypes = Map.copyOf(attributeTypes);
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
        localSecondaryIndexes = List.copyOf(localSecondaryIndexes);
    }

    /** @param keyType HASH or RANGE */
    public record KeyElement(String attributeName, String keyType) {}

    /** @param type ALL, KEYS_ONLY or INCLUDE */
    public record Projection(String type, List<String> nonKeyAttributes) {
        public Projection {
            nonKeyAttributes = List.copyOf(nonKeyAttributes);
        }
    }

    public record Index(
            String name,
            List<KeyElement> keySchema,
            Projection projection,
            Optional<Throughput> provisionedThroughput) {
        public Index {
            keySchema = List.copyOf(keySchema);
        }
    }

    public record Throughput(long readCapacityUnits, long writeCapacityUnits) {}

    public boolean payPerRequest() {
        return "PAY_PER_REQUEST".equals(billingMode);
    }
}

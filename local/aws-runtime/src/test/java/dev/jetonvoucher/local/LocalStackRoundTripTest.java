package dev.jetonvoucher.local;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The round-trip suite on LocalStack in a container. Where no Docker engine is reachable each of its tests is
 * reported as skipped with that reason (the build's last line counts them); MotoRoundTripTest runs the same suite.
 */
@ExtendWith(LocalStackRoundTripTest.DockerEngine.class)
class LocalStackRoundTripTest extends RoundTripContract {

    @Override
    LocalAwsEndpoint openEndpoint() {
        return LocalAwsEndpoint.startLocalStack();
    }

    @Override
    String expectedKind() {
        return "localstack";
    }

    static final class DockerEngine implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return LocalAwsEndpoint.dockerAvailable()
                    ? ConditionEvaluationResult.enabled("a Docker engine is reachable")
                    : ConditionEvaluationResult.disabled(
                            "LocalStack test skipped: no Docker engine is reachable for Testcontainers"
                                    + " (the same tests run on moto in MotoRoundTripTest)");
        }
    }
}

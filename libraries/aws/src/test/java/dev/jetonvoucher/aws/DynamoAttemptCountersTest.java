package dev.jetonvoucher.aws;

import dev.jetonvoucher.contract.AttemptCountersContract;
import dev.jetonvoucher.session.AttemptCounters;
import org.junit.jupiter.api.BeforeAll;

/** The attempt counters contract on DynamoDB (moto). */
class DynamoAttemptCountersTest extends AttemptCountersContract {

    private static DynamoAttemptCounters counters;

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(DynamoAttemptCountersTest.class);
        counters = new DynamoAttemptCounters(aws.dynamoDb(), aws.table("DashboardSessionsTable"));
    }

    @Override
    protected AttemptCounters counters() {
        return counters;
    }
}

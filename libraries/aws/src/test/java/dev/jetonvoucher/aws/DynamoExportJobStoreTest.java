package dev.jetonvoucher.aws;

import dev.jetonvoucher.contract.ExportJobStoreContract;
import dev.jetonvoucher.export.ExportJobStore;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;

/** The export job store contract on DynamoDB (moto), in the DashboardSessionsTable beside the sessions. */
class DynamoExportJobStoreTest extends ExportJobStoreContract {

    private static DynamoExportJobStore jobs;

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(DynamoExportJobStoreTest.class);
        jobs = new DynamoExportJobStore(aws.dynamoDb(), aws.table("DashboardSessionsTable"), Duration.ofDays(1));
    }

    @Override
    protected ExportJobStore jobs() {
        return jobs;
    }
}

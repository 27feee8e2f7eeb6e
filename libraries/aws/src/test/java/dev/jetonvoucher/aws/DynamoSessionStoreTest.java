package dev.jetonvoucher.aws;

import dev.jetonvoucher.contract.SessionStoreContract;
import dev.jetonvoucher.session.SessionStore;
import org.junit.jupiter.api.BeforeAll;

/** The session store contract on DynamoDB (moto). */
class DynamoSessionStoreTest extends SessionStoreContract {

    private static DynamoSessionStore sessions;

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(DynamoSessionStoreTest.class);
        sessions = new DynamoSessionStore(aws.dynamoDb(), aws.table("DashboardSessionsTable"));
    }

    @Override
    protected SessionStore sessions() {
        return sessions;
    }
}

package dev.jetonvoucher.aws;

import dev.jetonvoucher.contract.BalanceStoreContract;
import dev.jetonvoucher.payment.BalanceStore;
import org.junit.jupiter.api.BeforeAll;

/** The balance store contract on DynamoDB (moto). */
class DynamoBalanceStoreTest extends BalanceStoreContract {

    private static DynamoBalanceStore balances;

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(DynamoBalanceStoreTest.class);
        balances = new DynamoBalanceStore(aws.dynamoDb(), aws.table("BalancesTable"));
    }

    @Override
    protected BalanceStore balances() {
        return balances;
    }
}

package dev.jetonvoucher.aws;

import dev.jetonvoucher.contract.PaymentStoreLifecycleContract;
import dev.jetonvoucher.payment.PaymentStore;
import org.junit.jupiter.api.BeforeAll;

/** The lifecycle tables against the DynamoDB conditions (moto). */
class DynamoPaymentStoreLifecycleTest extends PaymentStoreLifecycleContract {

    private static DynamoPaymentStore payments;

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(DynamoPaymentStoreLifecycleTest.class);
        payments = new DynamoPaymentStore(aws.dynamoDb(), aws.table("PaymentsTable"), aws.table("BalancesTable"));
    }

    @Override
    protected PaymentStore payments() {
        return payments;
    }
}

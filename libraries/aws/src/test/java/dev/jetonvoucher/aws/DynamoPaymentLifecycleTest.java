package dev.jetonvoucher.aws;

import dev.jetonvoucher.contract.PaymentLifecycleContract;
import dev.jetonvoucher.payment.PaymentStore;
import org.junit.jupiter.api.BeforeAll;

/** The lifecycle contract on DynamoDB: its condition expressions hold to the domain's tables. */
class DynamoPaymentLifecycleTest extends PaymentLifecycleContract {

    private static DynamoPaymentStore payments;

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(DynamoPaymentLifecycleTest.class);
        payments = new DynamoPaymentStore(aws.dynamoDb(), aws.table("PaymentsTable"), aws.table("BalancesTable"));
    }

    @Override
    protected PaymentStore payments() {
        return payments;
    }
}

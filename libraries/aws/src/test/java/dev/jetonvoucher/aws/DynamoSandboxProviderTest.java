package dev.jetonvoucher.aws;

import dev.jetonvoucher.contract.SandboxProviderContract;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import org.junit.jupiter.api.BeforeAll;

/** The sandbox provider's cancel and reversal on the DynamoDB ledger. */
class DynamoSandboxProviderTest extends SandboxProviderContract {

    private static VoucherLedger ledger;

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(DynamoSandboxProviderTest.class);
        ledger = new DynamoVoucherLedger(aws.dynamoDb(), aws.table("VoucherLedgerTable"));
    }

    @Override
    protected VoucherLedger ledger() {
        return ledger;
    }
}

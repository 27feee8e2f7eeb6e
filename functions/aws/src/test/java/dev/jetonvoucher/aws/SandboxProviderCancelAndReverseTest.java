package dev.jetonvoucher.aws;

import dev.jetonvoucher.contract.SandboxProviderCancelAndReverseContract;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import org.junit.jupiter.api.BeforeAll;

/** The sandbox provider's cancel and reversal on the DynamoDB ledger (moto). */
class SandboxProviderCancelAndReverseTest extends SandboxProviderCancelAndReverseContract {

    private static VoucherLedger ledger;

    @BeforeAll
    static void deploy() {
        LocalResources aws = LocalResources.deploy(SandboxProviderCancelAndReverseTest.class);
        ledger = new DynamoVoucherLedger(aws.dynamoDb(), aws.table("VoucherLedgerTable"));
    }

    @Override
    protected VoucherLedger ledger() {
        return ledger;
    }
}

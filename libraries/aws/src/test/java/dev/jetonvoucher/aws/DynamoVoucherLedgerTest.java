package dev.jetonvoucher.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jetonvoucher.contract.VoucherLedgerContract;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.provider.sandbox.VoucherLedger;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.LedgerVoucher;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.Transaction;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.WriteOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The voucher ledger contract on DynamoDB (moto), and the voucher item's layout. */
class DynamoVoucherLedgerTest extends VoucherLedgerContract {

    private static LocalResources aws;
    private static DynamoVoucherLedger ledger;

    @BeforeAll
    static void deploy() {
        aws = LocalResources.deploy(DynamoVoucherLedgerTest.class);
        ledger = new DynamoVoucherLedger(aws.dynamoDb(), aws.table("VoucherLedgerTable"));
    }

    @AfterAll
    static void noSecurityCodeWasStored() {
        assertEquals(List.of(), SecretScan.scan(aws.dynamoDb(), aws.tables(), List.of(CODE, OTHER_CODE)));
    }

    @Override
    protected VoucherLedger ledger() {
        return ledger;
    }

    private static Map<String, AttributeValue> rawItem(String pk) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(aws.table("VoucherLedgerTable"))
                        .consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS(pk))))
                .item();
    }

    @Test
    void keeps_the_voucher_terms_as_the_redemption_condition_reads_them() {
        String number = newNumber();
        Transaction payout = transaction(OperationType.PAYOUT, 5_000, List.of(number));
        LedgerVoucher voucher = voucher(number, 5_000, payout.operationId());
        assertEquals(WriteOutcome.RECORDED, ledger.recordIssue(payout, List.of(voucher)));

        Map<String, AttributeValue> item = rawItem("V#" + number);
        assertEquals(voucher.expiryMonth(), item.get("expiry_month").s());
        assertEquals(voucher.securityCodeHash(), item.get("code_hash").s());
        assertEquals("0", item.get("redeemed_by").n());
    }
}

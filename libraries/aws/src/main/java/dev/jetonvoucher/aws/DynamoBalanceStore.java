package dev.jetonvoucher.aws;

import static dev.jetonvoucher.aws.Items.n;
import static dev.jetonvoucher.aws.Items.names;
import static dev.jetonvoucher.aws.Items.values;

import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link BalanceStore} on the BalancesTable: one item per project and currency (key {@code project_id} N +
 * {@code currency} S) with {@code available}, {@code reserved}, {@code paid_out}, {@code credited} and
 * {@code opening} in minor units. Reservations, payouts and credits are written by {@link DynamoPaymentStore}
 * in the transactions that change the payments.
 */
public final class DynamoBalanceStore implements BalanceStore {

    private final DynamoDbClient dynamoDb;
    private final String balancesTable;

    public DynamoBalanceStore(DynamoDbClient dynamoDb, String balancesTable) {
        this.dynamoDb = dynamoDb;
        this.balancesTable = balancesTable;
    }

    /**
     * Conditional on {@code opening} not being set yet. An update rather than a put, because a sale's credit
     * may have created the item first: the opening amount is then added to what the sales brought, instead of
     * being lost (a put conditioned on the item's absence would skip it) or overwriting the credits.
     */
    @Override
    public void openIfAbsent(long projectId, Money opening) {
        if (opening.minorUnits() < 0) {
            throw new IllegalArgumentException("an opening balance cannot be negative: " + opening);
        }
        String update = "SET #opening = :opening, #available = if_not_exists(#available, :zero) + :opening,"
                + " #reserved = if_not_exists(#reserved, :zero), #paid_out = if_not_exists(#paid_out, :zero),"
                + " #credited = if_not_exists(#credited, :zero)";
        String notOpened = "attribute_not_exists(#opening)";
        Transactions.retryingConflicts(
                () -> {
                    try {
                        dynamoDb.updateItem(request -> request.tableName(balancesTable)
                                .key(BalanceItems.key(projectId, opening.currency()))
                                .updateExpression(update)
                                .conditionExpression(notOpened)
                                .expressionAttributeNames(names(update, notOpened))
                                .expressionAttributeValues(values(":opening", n(opening.minorUnits()), ":zero", n(0))));
                    } catch (ConditionalCheckFailedException alreadyOpen) {
                        // idempotent: the first opening stands
                    }
                    return null;
                },
                "open balance " + projectId + "/" + opening.currency());
    }

    @Override
    public Optional<Balance> find(long projectId, CurrencyUnit currency) {
        Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(balancesTable)
                        .key(BalanceItems.key(projectId, currency))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(BalanceItems.balance(item));
    }
}

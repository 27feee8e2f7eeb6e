package dev.jetonvoucher.functions.export;

import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.Payment;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One payment and its operation as an accountant reads them: ids, dates (UTC), type, status, the amount in major
 * units with its currency, the result code and message, and the voucher number by its last four digits only.
 * {@link Column} is the one definition of the export's columns; every format writes them in its order.
 *
 * @param completedAt when the operation reached its final status; null while processing
 */
record ExportRow(
        String paymentId,
        long operationId,
        String paymentType,
        String operationType,
        String status,
        Instant createdAt,
        Instant completedAt,
        Money amount,
        String code,
        String message,
        String account,
        String providerPaymentId,
        String description) {

    static final List<Column> COLUMNS = List.of(Column.values());
    static final List<String> HEADERS = COLUMNS.stream().map(Column::header).toList();

    static ExportRow of(Payment payment) {
        return new ExportRow(
                payment.key().paymentId(),
                payment.operationId(),
                payment.type().wire(),
                payment.operationType().wire(),
                payment.status().wire(),
                payment.createdAt(),
                payment.isFinal() ? payment.updatedAt() : null,
                payment.amount(),
                payment.resultCode(),
                payment.resultMessage(),
                payment.accountNumber() == null ? null : VoucherNumbers.mask(payment.accountNumber()),
                payment.providerPaymentId(),
                payment.description());
    }

    /** The export's columns in file order: the header, the width in a spreadsheet (characters) and the cell. */
    enum Column {
        PAYMENT_ID("Payment ID", 28, row -> new Cell.Text(row.paymentId())),
        OPERATION_ID("Operation ID", 20, row -> new Cell.Text(Long.toString(row.operationId()))),
        PAYMENT_TYPE("Payment type", 12, row -> new Cell.Text(row.paymentType())),
        OPERATION_TYPE("Operation type", 12, row -> new Cell.Text(row.operationType())),
        STATUS("Status", 11, row -> new Cell.Text(row.status())),
        CREATED("Created (UTC)", 20, row -> new Cell.Time(row.createdAt())),
        COMPLETED("Completed (UTC)", 20, row -> new Cell.Time(row.completedAt())),
        AMOUNT("Amount", 12, row -> new Cell.Amount(row.amount())),
        CURRENCY("Currency", 9, row -> new Cell.Text(row.amount().currency().code())),
        CODE("Code", 8, row -> new Cell.Text(row.code())),
        MESSAGE("Message", 30, row -> new Cell.Text(row.message())),
        ACCOUNT("Account", 22, row -> new Cell.Text(row.account())),
        PROVIDER_PAYMENT_ID("Provider payment ID", 26, row -> new Cell.Text(row.providerPaymentId())),
        DESCRIPTION("Description", 36, row -> new Cell.Text(row.description()));

        private final String header;
        private final int width;
        private final Function<ExportRow, Cell> cell;

        Column(String header, int width, Function<ExportRow, Cell> cell) {
            this.header = header;
            this.width = width;
            this.cell = cell;
        }

        String header() {
            return header;
        }

        int width() {
            return width;
        }

        Cell cell(ExportRow row) {
            return cell.apply(row);
        }
    }

    /** A cell's value by kind, so each format writes a kind its own way (a spreadsheet sums amounts, sorts times). */
    sealed interface Cell {

        /** Text; null leaves the cell empty. */
        record Text(String value) implements Cell {}

        /** An amount in minor units, shown with its currency's decimals. */
        record Amount(Money value) implements Cell {}

        /** An instant, shown in UTC; null leaves the cell empty. */
        record Time(Instant value) implements Cell {}
    }
}

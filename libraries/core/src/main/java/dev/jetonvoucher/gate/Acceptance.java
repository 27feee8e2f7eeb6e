package dev.jetonvoucher.gate;

import dev.jetonvoucher.logging.Log;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.PaymentType;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.money.CurrencyUnit;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.payment.BalanceStore;
import dev.jetonvoucher.payment.CallbackState;
import dev.jetonvoucher.payment.Channel;
import dev.jetonvoucher.payment.Funds;
import dev.jetonvoucher.payment.Ids;
import dev.jetonvoucher.payment.Payment;
import dev.jetonvoucher.payment.PaymentKey;
import dev.jetonvoucher.payment.PaymentStore;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.sealing.VoucherTransitCipher;
import dev.jetonvoucher.workflow.WorkMessages;
import dev.jetonvoucher.workflow.WorkQueues;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts validated Gate (and Payment Page) payments. The order of the steps is what keeps a payment from
 * ever being stranded: the status poll (due at the base time) and the provider dispatch are queued
 * <em>before</em> the payment is written, so once the write succeeds both are certain to follow, whatever
 * crashes after it. A message whose payment was never written (a duplicate, a failed write, an operation id
 * another payment had claimed) finds no matching operation and does nothing. The acknowledgement never waits
 * for the provider.
 *
 * <p>Operation ids are unique by construction: the store claims the id in the write that creates the payment. When
 * another container's payment holds it already ({@link PaymentStore.CreateOutcome#OPERATION_ID_TAKEN}), the
 * acceptance draws a new id and goes through the same steps again (voucher sealed for the new id, poll and
 * dispatch queued for it before the write), at most {@link #OPERATION_ID_ATTEMPTS} times.
 */
public final class Acceptance {

    /** Gives the payment write a head start over the dispatch worker. */
    static final Duration DISPATCH_DELAY = Duration.ofSeconds(1);

    /** Draws of an operation id before giving up; a clash has odds of about 1/1000, five in a row never happen. */
    static final int OPERATION_ID_ATTEMPTS = 5;

    private final PaymentStore payments;
    private final BalanceStore balances;
    private final WorkQueues queues;
    private final VoucherTransitCipher transitCipher;
    private final Clock clock;
    private final Ids ids;
    private final Set<String> openedBalances = ConcurrentHashMap.newKeySet();

    public Acceptance(
            PaymentStore payments,
            BalanceStore balances,
            WorkQueues queues,
            VoucherTransitCipher transitCipher,
            Clock clock) {
        this(payments, balances, queues, transitCipher, clock, new Ids(clock));
    }

    /** @param ids where operation ids come from (a simulation gives each simulated container its own) */
    public Acceptance(
            PaymentStore payments,
            BalanceStore balances,
            WorkQueues queues,
            VoucherTransitCipher transitCipher,
            Clock clock,
            Ids ids) {
        this.payments = payments;
        this.balances = balances;
        this.queues = queues;
        this.transitCipher = transitCipher;
        this.clock = clock;
        this.ids = ids;
    }

    public Acknowledgement acceptSale(SaleCommand sale, Channel channel) {
        String requestId = ids.newRequestId();
        for (int attempt = 1; ; attempt++) {
            long operationId = attempt == 1 ? ids.newOperationId() : ids.newOperationIdAfterClash();
            Payment payment = newPayment(
                    sale.project(),
                    sale.key(),
                    PaymentType.PURCHASE,
                    sale.amount(),
                    sale.customerId(),
                    sale.customerIp(),
                    sale.voucher().number(),
                    sale.description(),
                    channel,
                    requestId,
                    operationId,
                    Funds.NOT_APPLICABLE,
                    sale.callbackUrl());
            String sealedVoucher = transitCipher.seal(sale.voucher(), operationId);
            if (accept(sale.project(), payment, sealedVoucher, attempt)) {
                return new Acknowledgement(payment.requestId(), payment.key());
            }
        }
    }

    public Acknowledgement acceptPayout(PayoutCommand payout) {
        openBalanceOnce(payout.project(), payout.amount().currency());
        String requestId = ids.newRequestId();
        for (int attempt = 1; ; attempt++) {
            long operationId = attempt == 1 ? ids.newOperationId() : ids.newOperationIdAfterClash();
            Payment payment = newPayment(
                    payout.project(),
                    payout.key(),
                    PaymentType.PAYOUT,
                    payout.amount(),
                    payout.customerId(),
                    payout.customerIp(),
                    null,
                    payout.description(),
                    Channel.GATE,
                    requestId,
                    operationId,
                    Funds.RESERVED,
                    payout.callbackUrl());
            if (accept(payout.project(), payment, null, attempt)) {
                return new Acknowledgement(payment.requestId(), payment.key());
            }
        }
    }

    /**
     * Queues the poll and the dispatch, then writes the payment.
     *
     * @return false when the operation id was taken (nothing written: draw another)
     * @throws GateRejection 3041 when the payment_id is taken
     */
    private boolean accept(Project project, Payment payment, String sealedVoucher, int attempt) {
        queues.poll(
                new WorkMessages.Poll(
                        payment.key(),
                        payment.operationId(),
                        1,
                        payment.createdAt().plus(project.baseTime())),
                WorkQueues.capped(project.baseTime()));
        queues.dispatch(
                new WorkMessages.Dispatch(payment.key(), payment.operationId(), sealedVoucher, 0), DISPATCH_DELAY);
        PaymentStore.CreateOutcome outcome = payments.create(payment);
        if (outcome == PaymentStore.CreateOutcome.DUPLICATE) {
            throw duplicatePayment(payment.key());
        }
        if (outcome != PaymentStore.CreateOutcome.OPERATION_ID_TAKEN) {
            return true;
        }
        Log.warn(
                "acceptance.operation_id_taken",
                "payment",
                payment.key(),
                "operation",
                payment.operationId(),
                "attempt",
                attempt);
        if (attempt >= OPERATION_ID_ATTEMPTS) {
            throw new IllegalStateException(
                    "no free operation id for " + payment.key() + " in " + OPERATION_ID_ATTEMPTS + " draws");
        }
        return false;
    }

    /** 3041: the project already has a payment with this id. */
    public static GateRejection duplicatePayment(PaymentKey key) {
        return new GateRejection(
                ResultCode.PAYMENT_ID_ALREADY_EXISTS,
                "general.payment_id",
                "payment " + key.paymentId() + " already exists in project " + key.projectId());
    }

    /** A project's opening balance (from its configuration) is written once, when its first payout arrives. */
    private void openBalanceOnce(Project project, CurrencyUnit currency) {
        String id = project.projectId() + "/" + currency.code();
        if (openedBalances.contains(id)) {
            return;
        }
        long opening = project.openingBalances().getOrDefault(currency, 0L);
        balances.openIfAbsent(project.projectId(), new Money(opening, currency));
        openedBalances.add(id);
    }

    private Payment newPayment(
            Project project,
            PaymentKey key,
            PaymentType type,
            Money amount,
            String customerId,
            String customerIp,
            String accountNumber,
            String description,
            Channel channel,
            String requestId,
            long operationId,
            Funds funds,
            URI callbackUrl) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return Payment.builder()
                .key(key)
                .type(type)
                .status(PaymentStatus.PROCESSING)
                .amount(amount)
                .customerId(customerId)
                .customerIp(customerIp)
                .accountNumber(accountNumber)
                .description(description)
                .channel(channel)
                .requestId(requestId)
                .operationId(operationId)
                .createdAt(now)
                .updatedAt(now)
                .limitAt(now.plus(project.limitTime()))
                .funds(funds)
                .callbackState(CallbackState.NONE)
                .callbackUrl(callbackUrl)
                .build();
    }
}

package dev.jetonvoucher.provider.sandbox;

import dev.jetonvoucher.keys.CachedKeyRing;
import dev.jetonvoucher.keys.KeyRing;
import dev.jetonvoucher.model.OperationType;
import dev.jetonvoucher.model.PaymentStatus;
import dev.jetonvoucher.model.ResultCode;
import dev.jetonvoucher.model.VoucherData;
import dev.jetonvoucher.model.VoucherNumbers;
import dev.jetonvoucher.money.Money;
import dev.jetonvoucher.money.PayoutSplit;
import dev.jetonvoucher.payment.Ids;
import dev.jetonvoucher.project.SandboxSettings;
import dev.jetonvoucher.project.SandboxSettings.NotificationMode;
import dev.jetonvoucher.provider.CancelResult;
import dev.jetonvoucher.provider.JetonProvider;
import dev.jetonvoucher.provider.ProviderNotification;
import dev.jetonvoucher.provider.ProviderNotifier;
import dev.jetonvoucher.provider.ProviderRequest;
import dev.jetonvoucher.provider.ProviderResult;
import dev.jetonvoucher.provider.ProviderUnavailableException;
import dev.jetonvoucher.provider.ProviderVoucher;
import dev.jetonvoucher.provider.Reversal;
import dev.jetonvoucher.provider.UnknownOperationException;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.LedgerVoucher;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.RedemptionTerms;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.Settlement;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.Transaction;
import dev.jetonvoucher.provider.sandbox.VoucherLedger.WriteOutcome;
import dev.jetonvoucher.signing.Signer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in Jeton Voucher service. Test projects follow the method's testing mode (amounts 40000 and
 * 40400 decline, anything else succeeds, any well-formed voucher is accepted). Other projects get a real
 * voucher ledger: payouts issue unique vouchers, one per split part, valid for a year; a sale redeems a
 * voucher only if it exists, is not locked, the security code and expiry match, it is unexpired, unredeemed, in the
 * payment's currency and its face value covers the amount. An unknown number, a code or expiry that does not match
 * and a locked voucher all decline alike with 20102; the voucher locks for good at its
 * {@link VoucherLedger#WRONG_ATTEMPTS_BEFORE_LOCK}th attempt with data that did not match. The result is decided when the operation is
 * submitted, becomes visible after the project's provider delay, and is notified unless the sandbox drops
 * notifications; a stuck project never gets a result (and no voucher is touched). With a provider outage the
 * provider cannot be reached for that long after each payment's acceptance. A cancel before the result undoes the
 * operation's voucher effect in the same ledger write (unless the project says {@code provider_cancels: false}); a
 * reversal after a successful result does the same for an operation the platform had declined. These settings are
 * the project's own, looked up by the emulator ({@link SandboxSettingsLookup}), never sent by the platform.
 */
public final class SandboxJetonProvider implements JetonProvider {

    static final List<Long> TEST_MODE_DECLINED_AMOUNTS = List.of(40000L, 40400L);
    private static final String VOUCHER_PREFIX = "4619";
    private static final int NUMBER_ATTEMPTS = 5;

    private final VoucherLedger ledger;
    private final ProviderNotifier notifier;
    private final CachedKeyRing providerKeys;
    private final VoucherSecrets secrets;
    private final SandboxSettingsLookup settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SandboxJetonProvider(
            VoucherLedger ledger,
            ProviderNotifier notifier,
            String providerKey,
            SandboxSettingsLookup settings,
            Clock clock) {
        this(
                ledger,
                notifier,
                CachedKeyRing.fixed(KeyRing.of(VoucherSecrets.checkedKey(providerKey))),
                settings,
                clock);
    }

    /**
     * @param providerKeys the provider's key ring, read when first needed: notifications are signed with its current
     *     key, and vouchers issued under its previous key (before a rotation) stay redeemable
     * @param settings how to behave for each project (delays, notifications, outages, cancels)
     */
    public SandboxJetonProvider(
            VoucherLedger ledger,
            ProviderNotifier notifier,
            CachedKeyRing providerKeys,
            SandboxSettingsLookup settings,
            Clock clock) {
        this.ledger = ledger;
        this.notifier = notifier;
        this.providerKeys = providerKeys;
        this.secrets = new VoucherSecrets(providerKeys);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String submit(ProviderRequest request) {
        SandboxSettings sandbox = settings.forProject(request.key().projectId());
        Instant reachableFrom = Ids.issuedAt(request.operationId()).plus(sandbox.providerOutage());
        if (clock.instant().isBefore(reachableFrom)) {
            throw new ProviderUnavailableException(
                    "the sandbox provider is down until " + reachableFrom + " (sandbox.provider_outage_seconds)", null);
        }
        Optional<Transaction> earlier = ledger.findTransaction(request.operationId());
        if (earlier.isPresent()) {
            return sameOperation(earlier.get(), request).providerPaymentId();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant resultAt = now.plus(sandbox.providerDelay());
        boolean stuck = sandbox.providerNotifications() == NotificationMode.STUCK;
        String providerPaymentId = "JV" + request.operationId();
        Transaction recorded = stuck
                ? recordStuck(request, providerPaymentId, now, resultAt)
                : recordResult(request, providerPaymentId, now, resultAt);
        if (recorded == null) {
            // An earlier submit of this operation id won the race: the same operation, or another payment's.
            return ledger.findTransaction(request.operationId())
                    .map(won -> sameOperation(won, request))
                    .orElseThrow(() -> new IllegalStateException("operation " + request.operationId() + " vanished"))
                    .providerPaymentId();
        }
        if (sandbox.providerNotifications() == NotificationMode.NORMAL) {
            String notification = ProviderNotification.signedJson(
                    request.key(),
                    resultOf(recorded),
                    new Signer(providerKeys.get().current().secret()));
            notifier.send(notification, sandbox.providerDelay());
        }
        return providerPaymentId;
    }

    /**
     * An operation id is the provider's idempotency key. Should two payments ever share one (ids of containers that
     * drew them in the same millisecond), the second is refused rather than given the first one's result and vouchers.
     */
    private static Transaction sameOperation(Transaction known, ProviderRequest request) {
        if (known.key() == null) {
            return known; // cancelled before it was ever submitted: it stays cancelled
        }
        if (!known.key().equals(request.key())) {
            throw new IllegalStateException("operation id " + request.operationId() + " already belongs to payment "
                    + known.key() + ", not " + request.key());
        }
        return known;
    }

    @Override
    public ProviderResult status(long operationId) {
        Transaction transaction =
                ledger.findTransaction(operationId).orElseThrow(() -> new UnknownOperationException(operationId));
        boolean cancelled = transaction.settlement() == Settlement.CANCELLED;
        if (!cancelled && !transaction.finishedAt(clock.instant())) {
            return ProviderResult.processing(operationId, transaction.providerPaymentId());
        }
        return resultOf(transaction);
    }

    /**
     * Cancels an operation that has no result yet (its voucher effect undone in the same ledger write), refuses for
     * good one it never received, and answers with the result of one it has finished. A project with
     * {@code provider_cancels: false} answers that a pending operation cannot be stopped.
     */
    @Override
    public CancelResult cancel(long operationId) {
        for (int attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<Transaction> found = ledger.findTransaction(operationId);
            if (found.isEmpty()) {
                if (ledger.record(Transaction.cancelledUnknown(operationId, now)) == WriteOutcome.RECORDED) {
                    return CancelResult.cancelled();
                }
                continue; // a submit got there first: look again
            }
            Transaction transaction = found.get();
            if (transaction.settlement() == Settlement.CANCELLED) {
                return CancelResult.cancelled();
            }
            if (transaction.finishedAt(now)) {
                return CancelResult.alreadyFinal(resultOf(transaction));
            }
            if (!transaction.cancellable()) {
                return CancelResult.notCancellable();
            }
            if (ledger.cancelPending(transaction, now)) {
                return CancelResult.cancelled();
            }
        }
        throw new IllegalStateException("operation " + operationId + " kept changing while cancelling it");
    }

    @Override
    public Reversal reverse(long operationId) {
        for (int attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<Transaction> found = ledger.findTransaction(operationId);
            if (found.isEmpty()) {
                return Reversal.NOTHING_TO_REVERSE;
            }
            Transaction transaction = found.get();
            switch (transaction.settlement()) {
                case REVERSED:
                    return Reversal.REVERSED;
                case CANCELLED:
                    return Reversal.NOTHING_TO_REVERSE;
                default:
                    break;
            }
            if (!transaction.finishedAt(now)) {
                throw new IllegalStateException("operation " + operationId + " has no result yet: cancel it instead");
            }
            if (transaction.status() != PaymentStatus.SUCCESS) {
                return Reversal.NOTHING_TO_REVERSE;
            }
            if (ledger.reverseSuccess(transaction, now)) {
                return Reversal.REVERSED;
            }
            boolean someoneRedeemed = transaction.type() == OperationType.PAYOUT
                    && transaction.voucherNumbers().stream()
                            .map(ledger::findVoucher)
                            .flatMap(Optional::stream)
                            .anyMatch(LedgerVoucher::redeemed);
            if (someoneRedeemed) {
                return Reversal.NOT_REVERSIBLE;
            }
        }
        throw new IllegalStateException("operation " + operationId + " kept changing while reversing it");
    }

    private Transaction recordStuck(ProviderRequest request, String providerPaymentId, Instant now, Instant resultAt) {
        Transaction transaction =
                transaction(request, providerPaymentId, now, resultAt, true, PaymentStatus.PROCESSING, null, List.of());
        return ledger.record(transaction) == WriteOutcome.RECORDED ? transaction : null;
    }

    private Transaction recordResult(ProviderRequest request, String providerPaymentId, Instant now, Instant resultAt) {
        boolean declinedByTestMode = request.testMode()
                && TEST_MODE_DECLINED_AMOUNTS.contains(request.amount().minorUnits());
        if (declinedByTestMode) {
            return recordDecline(request, providerPaymentId, now, resultAt, ResultCode.GENERAL_DECLINE);
        }
        if (request.type() == OperationType.PAYOUT) {
            return issueVouchers(request, providerPaymentId, now, resultAt);
        }
        if (request.testMode()) {
            Transaction success = transaction(
                    request,
                    providerPaymentId,
                    now,
                    resultAt,
                    false,
                    PaymentStatus.SUCCESS,
                    ResultCode.SUCCESS,
                    List.of());
            return ledger.record(success) == WriteOutcome.RECORDED ? success : null;
        }
        return redeem(request, providerPaymentId, now, resultAt);
    }

    private Transaction issueVouchers(
            ProviderRequest request, String providerPaymentId, Instant now, Instant resultAt) {
        List<Money> parts = PayoutSplit.split(request.amount());
        Instant expiresAt = now.atZone(ZoneOffset.UTC).plusYears(1).toInstant();
        for (int attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
            List<LedgerVoucher> vouchers = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            for (Money part : parts) {
                String number = newVoucherNumber();
                numbers.add(number);
                vouchers.add(new LedgerVoucher(
                        number,
                        part,
                        secrets.securityCodeHash(number, secrets.securityCode(number)),
                        now,
                        expiresAt,
                        request.operationId(),
                        0));
            }
            Transaction transaction = transaction(
                    request,
                    providerPaymentId,
                    now,
                    resultAt,
                    false,
                    PaymentStatus.SUCCESS,
                    ResultCode.SUCCESS,
                    numbers);
            switch (ledger.recordIssue(transaction, vouchers)) {
                case RECORDED:
                    return transaction;
                case TRANSACTION_EXISTS:
                    return null;
                default:
                // a generated number collided with an existing voucher: draw new numbers
            }
        }
        throw new IllegalStateException("could not draw unique voucher numbers in " + NUMBER_ATTEMPTS + " attempts");
    }

    private Transaction redeem(ProviderRequest request, String providerPaymentId, Instant now, Instant resultAt) {
        VoucherData voucher = request.voucher();
        if (voucher == null) {
            throw new IllegalArgumentException("a sale needs the customer's voucher");
        }
        String expiryMonth = VoucherLedger.EXPIRY_MONTH.format(voucher.expiration());
        RedemptionTerms terms = new RedemptionTerms(
                voucher.number(),
                secrets.securityCodeHash(voucher.number(), voucher.securityCode()),
                expiryMonth,
                request.amount().currency().code(),
                request.amount().minorUnits(),
                now);
        Transaction success = transaction(
                request,
                providerPaymentId,
                now,
                resultAt,
                false,
                PaymentStatus.SUCCESS,
                ResultCode.SUCCESS,
                List.of(voucher.number()));
        WriteOutcome outcome = ledger.recordRedemption(success, terms);
        if (outcome == WriteOutcome.RECORDED) {
            return success;
        }
        if (outcome == WriteOutcome.TRANSACTION_EXISTS) {
            return null;
        }
        Optional<LedgerVoucher> found = ledger.findVoucher(terms.number());
        String currentKeyHash = terms.securityCodeHash();
        Optional<String> issuedUnderPreviousKey = found.flatMap(
                        stored -> matchingHash(stored, secrets.codeHashes(voucher.number(), voucher.securityCode())))
                .filter(hash -> !hash.equals(currentKeyHash));
        if (issuedUnderPreviousKey.isPresent()) {
            // issued before the provider key was rotated: redeem with the hash that key gives
            terms = new RedemptionTerms(
                    terms.number(),
                    issuedUnderPreviousKey.get(),
                    terms.expiryMonth(),
                    terms.currency(),
                    terms.minimumFaceValue(),
                    terms.now());
            outcome = ledger.recordRedemption(success, terms);
            if (outcome == WriteOutcome.RECORDED) {
                return success;
            }
            if (outcome == WriteOutcome.TRANSACTION_EXISTS) {
                return null;
            }
            found = ledger.findVoucher(terms.number());
        }
        if (found.isPresent() && !found.get().locked() && detailsMatch(found.get(), terms)) {
            return recordDecline(request, providerPaymentId, now, resultAt, whyNotRedeemable(found.get(), terms));
        }
        // An unknown number, data that do not match and a locked voucher get one answer, so a guesser learns nothing
        // of which it was; a voucher's wrong attempts are counted, and it locks at the last allowed one.
        Transaction incorrect = transaction(
                request,
                providerPaymentId,
                now,
                resultAt,
                false,
                PaymentStatus.DECLINE,
                ResultCode.INCORRECT_ACCOUNT_DATA,
                List.of());
        WriteOutcome declined = found.isPresent()
                ? ledger.recordWrongAttempt(incorrect, terms.number(), now)
                : ledger.record(incorrect);
        return declined == WriteOutcome.RECORDED ? incorrect : null;
    }

    /** The one of {@code hashes} that is the voucher's stored hash, each compared in constant time. */
    private static Optional<String> matchingHash(LedgerVoucher voucher, List<String> hashes) {
        Optional<String> matching = Optional.empty();
        for (String hash : hashes) {
            if (constantTimeEquals(voucher.securityCodeHash(), hash) && matching.isEmpty()) {
                matching = Optional.of(hash);
            }
        }
        return matching;
    }

    private static boolean detailsMatch(LedgerVoucher voucher, RedemptionTerms terms) {
        return constantTimeEquals(voucher.securityCodeHash(), terms.securityCodeHash())
                && voucher.expiryMonth().equals(terms.expiryMonth());
    }

    /**
     * Why a voucher whose number, code and expiry are right could not be redeemed, in the provider decline codes
     * (20xxx). Only the right code learns this.
     */
    private static ResultCode whyNotRedeemable(LedgerVoucher voucher, RedemptionTerms terms) {
        if (voucher.redeemed() || voucher.voided() || !terms.now().isBefore(voucher.expiresAt())) {
            return ResultCode.CUSTOMER_ACCOUNT_NO_LONGER_AVAILABLE;
        }
        if (!voucher.faceValue().currency().code().equals(terms.currency())) {
            return ResultCode.ACCOUNT_DOES_NOT_SUPPORT_CURRENCY;
        }
        return ResultCode.INSUFFICIENT_FUNDS_ON_CUSTOMER_ACCOUNT;
    }

    private Transaction recordDecline(
            ProviderRequest request, String providerPaymentId, Instant now, Instant resultAt, ResultCode code) {
        Transaction decline =
                transaction(request, providerPaymentId, now, resultAt, false, PaymentStatus.DECLINE, code, List.of());
        return ledger.record(decline) == WriteOutcome.RECORDED ? decline : null;
    }

    private ProviderResult resultOf(Transaction transaction) {
        if (transaction.settlement() == Settlement.CANCELLED) {
            return new ProviderResult(
                    transaction.operationId(),
                    transaction.providerPaymentId(),
                    PaymentStatus.DECLINE,
                    ResultCode.CANCELLED.code(),
                    ResultCode.CANCELLED.message(),
                    transaction.settledAt(),
                    List.of());
        }
        List<ProviderVoucher> vouchers = new ArrayList<>();
        if (transaction.type() == OperationType.PAYOUT && transaction.status() == PaymentStatus.SUCCESS) {
            for (String number : transaction.voucherNumbers()) {
                LedgerVoucher voucher = ledger.findVoucher(number)
                        .orElseThrow(() -> new IllegalStateException("issued voucher missing from the ledger"));
                vouchers.add(new ProviderVoucher(
                        number,
                        voucher.faceValue(),
                        voucher.createdAt(),
                        voucher.expiresAt(),
                        secrets.issuedCode(number, voucher.securityCodeHash())
                                .orElseThrow(() -> new IllegalStateException(
                                        "voucher " + VoucherNumbers.mask(number) + " was issued under a provider key"
                                                + " that is neither the current nor the previous one"))));
            }
        }
        return new ProviderResult(
                transaction.operationId(),
                transaction.providerPaymentId(),
                transaction.status(),
                transaction.code(),
                transaction.message(),
                transaction.resultAt(),
                vouchers);
    }

    private Transaction transaction(
            ProviderRequest request,
            String providerPaymentId,
            Instant now,
            Instant resultAt,
            boolean stuck,
            PaymentStatus status,
            ResultCode code,
            List<String> voucherNumbers) {
        return new Transaction(
                request.operationId(),
                request.key(),
                request.type(),
                request.amount(),
                providerPaymentId,
                now,
                resultAt,
                stuck,
                status,
                code == null ? null : code.code(),
                code == null ? null : code.message(),
                voucherNumbers,
                settings.forProject(request.key().projectId()).providerCancels(),
                Settlement.ACTIVE,
                null);
    }

    private String newVoucherNumber() {
        StringBuilder number = new StringBuilder(VOUCHER_PREFIX);
        while (number.length() < 19) {
            number.append(random.nextInt(10));
        }
        return number.toString();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

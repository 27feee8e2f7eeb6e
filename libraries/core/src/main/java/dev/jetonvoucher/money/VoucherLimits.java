package dev.jetonvoucher.money;

/**
 * The Jeton Voucher nominal limits. They are the same number of major units in every currency, so
 * in minor units they scale with the currency's fraction digits (10.00 EUR = 1000, 10 JPY = 10,
 * 10.000 KWD = 10000).
 */
public final class VoucherLimits {

    /** Smallest face value of one voucher, in major units. */
    public static final long MIN_FACE_VALUE_MAJOR = 10;
    /** Largest face value of one voucher, in major units; a bigger payout is split. */
    public static final long MAX_FACE_VALUE_MAJOR = 500;
    /** Smallest purchase or payout, in major units. */
    public static final long MIN_PAYMENT_AMOUNT_MAJOR = 10;

    private VoucherLimits() {}

    public static Money minFaceValue(CurrencyUnit currency) {
        return Money.ofMajor(MIN_FACE_VALUE_MAJOR, currency);
    }

    public static Money maxFaceValue(CurrencyUnit currency) {
        return Money.ofMajor(MAX_FACE_VALUE_MAJOR, currency);
    }

    public static Money minPaymentAmount(CurrencyUnit currency) {
        return Money.ofMajor(MIN_PAYMENT_AMOUNT_MAJOR, currency);
    }
}

/**
 * Money in integer minor units, ISO-4217 currencies, the Jeton Voucher nominal limits and the payout
 * split. Nothing here uses floating point or AWS types.
 */
package dev.jetonvoucher.money;

/**
 * The payment model shared by all functions: payment and operation types, the payment status state
 * machine, the ECommPay result-code catalogue and the customer's voucher data with its validation.
 */
package dev.jetonvoucher.model;

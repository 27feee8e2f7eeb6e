package dev.jetonvoucher.bench;

/**
 * Public on-demand prices of us-east-1 (US East, N. Virginia), in dollars per unit, as AWS's pricing pages gave them
 * when looked up on 2026-12-02. No free tier is applied (it is per account and month, not per payment), nor the
 * volume tiers (they start far above these volumes: Lambda after 6 billion GB-s a month, SQS after 100 billion
 * requests, HTTP APIs after 300 million requests).
 */
final class CostPrices {

    private CostPrices() {}

    static final String LOOKED_UP = "2026-12-02";

    /** https://aws.amazon.com/lambda/pricing/ : $0.20 per 1M requests. */
    static final double LAMBDA_REQUEST = 0.20 / 1e6;

    /**
     * https://aws.amazon.com/lambda/pricing/ : x86 (template.yaml's Architectures), first 6 billion GB-seconds a
     * month, $0.0000166667 per GB-second; duration rounded up to 1 ms. SnapStart for Java costs nothing extra.
     */
    static final double LAMBDA_GB_SECOND = 0.0000166667;

    /**
     * https://aws.amazon.com/dynamodb/pricing/on-demand/ : on-demand, Standard table class, $0.625 per million write
     * request units (halved on 2024-11-01 from $1.25).
     */
    static final double DYNAMODB_WRITE_UNIT = 0.625 / 1e6;

    /** https://aws.amazon.com/dynamodb/pricing/on-demand/ : $0.125 per million read request units (was $0.25). */
    static final double DYNAMODB_READ_UNIT = 0.125 / 1e6;

    /**
     * https://aws.amazon.com/sqs/pricing/ : standard queues, $0.40 per million requests (first 100 billion a month);
     * every action is a request, a batch of up to 10 messages is one, and each 64 KB chunk of a payload counts as one.
     */
    static final double SQS_REQUEST = 0.40 / 1e6;

    /** https://aws.amazon.com/api-gateway/pricing/ : HTTP APIs, $1.00 per million requests (first 300 million). */
    static final double HTTP_API_REQUEST = 1.00 / 1e6;

    /**
     * An SQS event source mapping that finds its queue empty keeps long-polling it: Lambda starts with five pollers,
     * each a 20-second ReceiveMessage after another, whether messages come or not. So a mapping costs about
     * 5 × (30 × 86,400 s / 20 s) = 648,000 empty receives a month, $0.26, however many payments there are.
     */
    static final long IDLE_RECEIVES_PER_MAPPING_MONTH = 5L * 30 * 86_400 / 20;
}

package dev.jetonvoucher.workflow;

/** What a worker did with one queue message. */
public enum MessageOutcome {
    /** Handled (or nothing to do): delete the message. */
    DONE,
    /** Could not be handled now: leave it to the queue to deliver again (a batch item failure). */
    RETRY
}

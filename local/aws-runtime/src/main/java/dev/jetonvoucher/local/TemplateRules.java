package dev.jetonvoucher.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks on template.yaml that cfn-lint does not make: how functions and their queues fit together,
 * and that handlers name Java classes. Each violation is one readable sentence.
 */
public final class TemplateRules {

    /** AWS's advice for SQS event sources: a visibility timeout of at least six times the function timeout. */
    public static final int VISIBILITY_TIMEOUT_FACTOR = 6;

    /** package.Class (nested classes with $ allowed): lower-case packages, an upper-case class name. */
    private static final Pattern JAVA_CLASS_NAME = Pattern.compile("([a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");

    private static final Pattern JAVA_METHOD_NAME = Pattern.compile("[a-z_$][A-Za-z0-9_$]*");

    private TemplateRules() {}

    /** All violations in the template; empty when it follows every rule. */
    public static List<String> violations(SamTemplate template) {
        List<String> violations = new ArrayList<>();
        for (FunctionDef function : template.functions()) {
            checkHandler(function, violations);
            for (SqsTrigger trigger : function.sqsTriggers()) {
                checkConsumedQueue(template, function, trigger, violations);
            }
        }
        return violations;
    }

    private static void checkHandler(FunctionDef function, List<String> violations) {
        Optional<String> handler = function.handler();
        if (handler.isEmpty() || handler.get().isBlank()) {
            violations.add(function.logicalId() + " has no Handler (expected package.Class::method)");
            return;
        }
        if (!JAVA_CLASS_NAME.matcher(function.handlerClass()).matches()) {
            violations.add(function.logicalId() + " Handler " + handler.get()
                    + " does not name a Java class by its fully qualified name (expected package.Class::method)");
        }
        if (!JAVA_METHOD_NAME.matcher(function.handlerMethod()).matches()) {
            violations.add(
                    function.logicalId() + " Handler " + handler.get() + " does not name a Java method after '::'");
        }
    }

    private static void checkConsumedQueue(
            SamTemplate template, FunctionDef function, SqsTrigger trigger, List<String> violations) {
        Optional<QueueDef> found = template.queues().stream()
                .filter(q -> q.logicalId().equals(trigger.queueLogicalId()))
                .findFirst();
        if (found.isEmpty()) {
            violations.add(function.logicalId() + " event " + trigger.eventName() + " consumes "
                    + trigger.queueLogicalId() + ", which is not an AWS::SQS::Queue of the template");
            return;
        }
        QueueDef queue = found.get();
        int minimum = VISIBILITY_TIMEOUT_FACTOR * function.timeoutSeconds();
        if (queue.visibilityTimeoutSeconds() < minimum) {
            violations.add(queue.logicalId() + " VisibilityTimeout is " + queue.visibilityTimeoutSeconds()
                    + " s but its consumer "
                    + function.logicalId() + " has Timeout " + function.timeoutSeconds() + " s: it must be >= "
                    + VISIBILITY_TIMEOUT_FACTOR + " x " + function.timeoutSeconds() + " = " + minimum + " s");
        }
        if (queue.redrive().isEmpty()) {
            violations.add(queue.logicalId() + " is consumed by " + function.logicalId()
                    + " but has no RedrivePolicy: a message that always fails would be retried until it expires");
        } else if (template.queues().stream()
                .noneMatch(q -> q.logicalId().equals(queue.redrive().get().deadLetterQueueLogicalId()))) {
            violations.add(queue.logicalId() + " RedrivePolicy targets "
                    + queue.redrive().get().deadLetterQueueLogicalId()
                    + ", which is not an AWS::SQS::Queue of the template");
        }
    }
}

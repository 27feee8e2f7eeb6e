package dev.jetonvoucher.templatechecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The checker behind {@link PackageLayeringTest} finds what it must, on graphs made up for the purpose. */
class PackageGraphTest {

    @Test
    void two_packages_using_each_other_are_a_cycle_named_with_the_classes_that_close_it() {
        PackageGraph graph = new PackageGraph();
        graph.add("dev.jetonvoucher.gate.Acceptance", "dev.jetonvoucher.workflow.WorkMessages");
        graph.add("dev.jetonvoucher.workflow.Dispatcher", "dev.jetonvoucher.gate.VoucherTransitCipher");
        graph.add("dev.jetonvoucher.workflow.Dispatcher", "dev.jetonvoucher.money.Money");

        assertEquals(
                List.of(new TreeSet<>(Set.of("dev.jetonvoucher.gate", "dev.jetonvoucher.workflow"))), graph.cycles());
        String description = graph.describeCycles().get(0);
        assertTrue(
                description.contains("dev.jetonvoucher.gate.Acceptance -> dev.jetonvoucher.workflow.WorkMessages"),
                description);
        assertTrue(
                description.contains(
                        "dev.jetonvoucher.workflow.Dispatcher -> dev.jetonvoucher.gate.VoucherTransitCipher"),
                description);
    }

    @Test
    void a_cycle_through_three_packages_is_found_and_a_chain_is_not() {
        PackageGraph chain = new PackageGraph();
        chain.add("dev.jetonvoucher.a.A", "dev.jetonvoucher.b.B");
        chain.add("dev.jetonvoucher.b.B", "dev.jetonvoucher.c.C");
        assertEquals(List.of(), chain.cycles());

        chain.add("dev.jetonvoucher.c.C$Inner", "dev.jetonvoucher.a.A");
        assertEquals(
                List.of(new TreeSet<>(Set.of("dev.jetonvoucher.a", "dev.jetonvoucher.b", "dev.jetonvoucher.c"))),
                chain.cycles());
    }

    @Test
    void the_layering_rules() {
        assertEquals(
                "the domain uses no AWS type",
                PackageGraph.brokenRule("dev.jetonvoucher.payment", "software.amazon.awssdk.services.dynamodb"));
        assertEquals(
                "the domain uses no AWS type",
                PackageGraph.brokenRule("dev.jetonvoucher.gate", "com.amazonaws.services.lambda.runtime"));
        assertEquals(
                "a function never uses another function",
                PackageGraph.brokenRule("dev.jetonvoucher.functions.export", "dev.jetonvoucher.functions.dashboard"));
        assertTrue(PackageGraph.brokenRule("dev.jetonvoucher.workflow", "dev.jetonvoucher.aws")
                .contains("outer adapter"));
        assertTrue(PackageGraph.brokenRule("dev.jetonvoucher.aws.lambda", "dev.jetonvoucher.functions.sale")
                .contains("outer function"));
        assertTrue(PackageGraph.brokenRule("dev.jetonvoucher.memory", "dev.jetonvoucher.sandbox")
                .contains("outer tool"));

        // what the layering allows
        assertEquals(null, PackageGraph.brokenRule("dev.jetonvoucher.aws", "software.amazon.awssdk.services.sqs"));
        assertEquals(null, PackageGraph.brokenRule("dev.jetonvoucher.aws.lambda", "dev.jetonvoucher.aws"));
        assertEquals(null, PackageGraph.brokenRule("dev.jetonvoucher.aws", "dev.jetonvoucher.payment"));
        assertEquals(null, PackageGraph.brokenRule("dev.jetonvoucher.functions.sale", "dev.jetonvoucher.aws.lambda"));
        assertEquals(
                null, PackageGraph.brokenRule("dev.jetonvoucher.functions.sale", "dev.jetonvoucher.functions.sale.x"));
        assertEquals(null, PackageGraph.brokenRule("dev.jetonvoucher.sandbox", "dev.jetonvoucher.functions.sale"));
        assertEquals(null, PackageGraph.brokenRule("dev.jetonvoucher.gate", "java.util"));
    }

    @Test
    void a_violation_names_the_classes_behind_it() {
        PackageGraph graph = new PackageGraph();
        graph.add("dev.jetonvoucher.payment.PaymentStore", "software.amazon.awssdk.services.dynamodb.DynamoDbClient");
        graph.add("dev.jetonvoucher.aws.DynamoPaymentStore", "software.amazon.awssdk.services.dynamodb.DynamoDbClient");

        assertEquals(
                List.of(
                        "dev.jetonvoucher.payment -> software.amazon.awssdk.services.dynamodb (the domain uses no AWS type): "
                                + "[dev.jetonvoucher.payment.PaymentStore -> software.amazon.awssdk.services.dynamodb.DynamoDbClient]"),
                graph.layeringViolations());
    }

    @Test
    void the_class_file_reader_sees_descriptor_types_but_not_string_literals() throws IOException {
        ClassReferences references = ClassReferences.read(classFile(Sample.class));

        assertEquals(Sample.class.getName(), references.className());
        assertTrue(
                references.referenced().contains("java.time.Clock"),
                references.referenced().toString()); // field type
        assertTrue(
                references.referenced().contains("java.time.Duration"),
                references.referenced().toString()); // return type
        assertTrue(
                references.referenced().contains("java.util.concurrent.atomic.AtomicLong"),
                references.referenced().toString()); // generic argument in a signature
        assertTrue(
                references.referenced().contains("java.math.BigDecimal"),
                references.referenced().toString()); // array
        assertTrue(
                references.referenced().stream().noneMatch(name -> name.contains("NotAType")),
                references.referenced().toString());
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream(
                type.getName().substring(type.getPackageName().length() + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** uses types only in the ways the reader must see */
    @SuppressWarnings("unused")
    static final class Sample {
        private java.time.Clock clock;
        private List<java.util.concurrent.atomic.AtomicLong> counters;

        java.time.Duration period(java.math.BigDecimal[] amounts) {
            return null;
        }

        String message() {
            return "Ldev/jetonvoucher/NotAType;";
        }
    }
}

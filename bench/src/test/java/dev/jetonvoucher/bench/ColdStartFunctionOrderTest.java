package dev.jetonvoucher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartFunctionOrderTest {

    private static final List<String> TEMPLATE =
            List.of("NewFunction", "ExportWorkerFunction", "GateSaleFunction", "ExportFunction", "DispatchFunction");

    @Test
    void known_functions_come_in_the_order_their_inputs_arise_then_the_others() {
        assertEquals(
                List.of(
                        "GateSaleFunction",
                        "DispatchFunction",
                        "ExportFunction",
                        "ExportWorkerFunction",
                        "NewFunction"),
                ColdStartBenchmark.functionOrder(TEMPLATE, null));
        assertEquals(
                ColdStartBenchmark.functionOrder(TEMPLATE, null), ColdStartBenchmark.functionOrder(TEMPLATE, "  "));
    }

    @Test
    void only_the_listed_functions_run_in_the_same_order_whatever_order_they_are_listed_in() {
        assertEquals(
                List.of("ExportFunction", "ExportWorkerFunction"),
                ColdStartBenchmark.functionOrder(TEMPLATE, "ExportWorkerFunction, ExportFunction"));
    }

    @Test
    void a_function_the_template_does_not_have_is_refused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> ColdStartBenchmark.functionOrder(TEMPLATE, "ExportFunction,ExportWorker"));
        assertTrue(refused.getMessage().contains("ExportWorker "), refused.getMessage());
    }
}

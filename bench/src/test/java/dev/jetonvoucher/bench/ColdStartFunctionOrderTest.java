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
    void knownFunctionsComeInTheOrderTheirInputsAriseThenTheOthers() {
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
    void onlyTheListedFunctionsRunInTheSameOrderWhateverOrderTheyAreListedIn() {
        assertEquals(
                List.of("ExportFunction", "ExportWorkerFunction"),
                ColdStartBenchmark.functionOrder(TEMPLATE, "ExportWorkerFunction, ExportFunction"));
    }

    @Test
    void aFunctionTheTemplateDoesNotHaveIsRefused() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> ColdStartBenchmark.functionOrder(TEMPLATE, "ExportFunction,ExportWorker"));
        assertTrue(refused.getMessage().contains("ExportWorker "), refused.getMessage());
    }
}

package dev.jetonvoucher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jetonvoucher.local.FunctionDef;
import dev.jetonvoucher.local.SamTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartInputsTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(SamTemplate.locate());

    /** A misspelt name would leave its function on the placeholder request, marked † instead of failing. */
    @Test
    void every_function_with_a_real_event_is_a_function_of_the_template() {
        List<String> inTemplate =
                TEMPLATE.functions().stream().map(FunctionDef::logicalId).toList();
        for (String known : ColdStartInputs.KNOWN_ORDER) {
            assertTrue(inTemplate.contains(known), known + " is not in template.yaml: " + inTemplate);
        }
        assertEquals(
                ColdStartInputs.KNOWN_ORDER.size(),
                ColdStartInputs.KNOWN_ORDER.stream().distinct().count(),
                "each function once");
    }

    @Test
    void a_success_status_other_than_200_is_given_only_for_known_http_functions() {
        ColdStartInputs.SUCCESS_STATUS.forEach((function, status) -> {
            assertTrue(ColdStartInputs.KNOWN_ORDER.contains(function), function);
            assertFalse(TEMPLATE.function(function).httpRoutes().isEmpty(), function + " has HTTP routes");
            assertTrue(status >= 200 && status < 400, function + ": " + status);
        });
    }

    /** The export worker writes the job the export function started, the IPN function posts the emulator's IPN. */
    @Test
    void a_function_runs_after_the_one_that_makes_its_input() {
        List<String> order = ColdStartInputs.KNOWN_ORDER;
        assertTrue(order.indexOf("ExportFunction") < order.indexOf("ExportWorkerFunction"), order.toString());
        assertTrue(
                order.indexOf("ProviderEmulatorFunction") < order.indexOf("ProviderEmulatorIpnFunction"),
                order.toString());
        assertTrue(order.indexOf("GateSaleFunction") < order.indexOf("DataApiFunction"), order.toString());
    }

    @Test
    void the_report_marks_only_functions_on_the_placeholder_request_and_explains_the_mark_only_then() {
        String known = coldStartReport(List.of("GateSaleFunction", "DataApiFunction"));
        assertFalse(known.contains("†"), known);

        String withNewcomer = coldStartReport(List.of("GateSaleFunction", "FunctionOfALaterIssue"));
        assertTrue(withNewcomer.contains("| FunctionOfALaterIssue † |"), withNewcomer);
        assertTrue(withNewcomer.contains("| GateSaleFunction |"), withNewcomer);
        assertTrue(withNewcomer.contains(Report.PLACEHOLDER_NOTE), withNewcomer);
    }

    @Test
    void an_earlier_build_whose_function_failed_its_real_event_has_no_figure_and_the_report_says_why() {
        Artifacts before = new Artifacts("before", Path.of("."), TEMPLATE);
        Artifacts after = new Artifacts("after", Path.of("."), TEMPLATE);
        ColdStartBenchmark.Results measured = results(after, List.of("GateSaleFunction", "DataApiFunction"));
        ColdStartBenchmark.Lane beforeCold = new ColdStartBenchmark.Lane("before-cold", before, false, 0);
        List<ColdStartBenchmark.Lane> lanes = new ArrayList<>(measured.lanes());
        lanes.add(0, beforeCold);
        Map<String, Map<String, ColdStartBenchmark.Samples>> samples =
                new LinkedHashMap<>(measured.byFunctionThenLane());
        samples.get("GateSaleFunction").put(beforeCold.id(), samples(900));
        ColdStartBenchmark.Results withBaseline = new ColdStartBenchmark.Results(
                lanes,
                measured.functions(),
                samples,
                measured.floor(),
                1,
                List.of(),
                Map.of(),
                null,
                Map.of("DataApiFunction", "before-cold: DataApiFunction answered 500"));

        String text =
                new Report().coldStart(withBaseline, List.of(before, after)).text();

        assertTrue(text.contains("| GateSaleFunction | 900 (900–900) | 800 (800–800) |"), text);
        assertTrue(text.contains("| DataApiFunction | n/a | 800 (800–800) |"), text);
        assertTrue(text.contains("DataApiFunction (before-cold: DataApiFunction answered 500)"), text);
        assertFalse(coldStartReport(List.of("DataApiFunction")).contains("did not serve its real event"));
    }

    private static String coldStartReport(List<String> functions) {
        Artifacts after = new Artifacts("after", Path.of("."), TEMPLATE);
        return new Report().coldStart(results(after, functions), List.of(after)).text();
    }

    private static ColdStartBenchmark.Results results(Artifacts after, List<String> functions) {
        ColdStartBenchmark.Lane cold = new ColdStartBenchmark.Lane("after-cold", after, false, 0);
        ColdStartBenchmark.Lane snapStart = new ColdStartBenchmark.Lane("after-snapstart", after, true, 0);
        Map<String, Map<String, ColdStartBenchmark.Samples>> samples = new LinkedHashMap<>();
        for (String function : functions) {
            Map<String, ColdStartBenchmark.Samples> lanes = new LinkedHashMap<>();
            lanes.put(cold.id(), samples(800));
            lanes.put(snapStart.id(), samples(800));
            samples.put(function, lanes);
        }
        return new ColdStartBenchmark.Results(
                List.of(cold, snapStart), functions, samples, samples(660), 1, List.of(), Map.of(), null, Map.of());
    }

    private static ColdStartBenchmark.Samples samples(double wall) {
        ColdStartBenchmark.Samples samples = new ColdStartBenchmark.Samples();
        samples.wall.add(wall);
        samples.wallWithoutSerializer.add(wall);
        samples.cpu.add(wall * 1.3);
        samples.init.add(wall / 2);
        samples.firstInvoke.add(wall / 4);
        samples.handle.add(wall / 4);
        samples.checkpoint.add(100.0);
        samples.cracResources = 1;
        return samples;
    }
}

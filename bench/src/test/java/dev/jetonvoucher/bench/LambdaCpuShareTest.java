package dev.jetonvoucher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaCpuShareTest {

    @Test
    void the_quota_is_the_memory_share_of_one_cpu_per_period() {
        assertEquals(28_943, LambdaCpuShare.quotaMicros(512));
        assertEquals(57_886, LambdaCpuShare.quotaMicros(1024));
        assertEquals(100_000, LambdaCpuShare.quotaMicros(1769));
        assertEquals(200_000, LambdaCpuShare.quotaMicros(3538));
    }

    @Test
    void
            the_jvm_sees_two_processors_up_to_3008_mb_a_heap_of_85_percent_as_lambda_starts_it_at_512_mb_and_the_serial_collector() {
        assertEquals(
                List.of("-XX:ActiveProcessorCount=2", "-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC"),
                LambdaCpuShare.jvmOptions(512));
        assertEquals(
                "-XX:ActiveProcessorCount=2", LambdaCpuShare.jvmOptions(3008).get(0));
        assertEquals(
                "-XX:ActiveProcessorCount=3", LambdaCpuShare.jvmOptions(5307).get(0));
    }

    @Test
    void the_launcher_joins_the_cgroup_before_it_becomes_the_command() {
        List<String> launcher = LambdaCpuShare.launcher(Path.of("/sys/fs/cgroup/cpu/g"));
        assertEquals("/sys/fs/cgroup/cpu/g/cgroup.procs", launcher.get(launcher.size() - 1));
        assertTrue(launcher.get(2).startsWith("echo $$ > \"$0\" && exec \"$@\""));
    }

    @Test
    void without_a_cgroup_hierarchy_the_share_is_unavailable_and_says_why(@TempDir Path empty) {
        LambdaCpuShare.Availability availability = LambdaCpuShare.open(empty.resolve("cpu"), empty.resolve("unified"));
        assertFalse(availability.available());
        assertTrue(availability.reason().contains("no cgroup v1 cpu controller"), availability.reason());
        assertTrue(availability.reason().contains("no cgroup v2"), availability.reason());
    }
}

package dev.jetonvoucher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void without_options_every_section_runs_with_the_documented_defaults() {
        Bench.Options options = Bench.Options.parse(new String[0]);

        assertEquals(Bench.Options.SECTIONS, options.only);
        assertEquals(5, options.rounds);
        assertEquals(600, options.sales);
        assertFalse(options.help);
    }

    @Test
    void help_is_asked_for_with_either_spelling() {
        assertTrue(Bench.Options.parse(new String[] {"--help"}).help);
        assertTrue(Bench.Options.parse(new String[] {"--rounds", "3", "-h"}).help);
    }

    @Test
    void only_picks_the_named_sections() {
        Bench.Options options = Bench.Options.parse(new String[] {"--only", "cold, signing"});

        assertEquals(Set.of("cold", "signing"), options.only);
    }

    @Test
    void a_misspelt_section_is_refused_rather_than_silently_skipped() {
        Bench.UsageException refused = assertThrows(
                Bench.UsageException.class, () -> Bench.Options.parse(new String[] {"--only", "cold,wram"}));

        assertTrue(refused.getMessage().contains("'wram'"), refused.getMessage());
        assertTrue(refused.getMessage().contains("warm"), "names the sections: " + refused.getMessage());
    }

    @Test
    void counts_must_be_whole_numbers_of_at_least_one() {
        assertEquals(
                "--rounds needs a whole number, got 'three'",
                assertThrows(Bench.UsageException.class, () -> Bench.Options.parse(new String[] {"--rounds", "three"}))
                        .getMessage());
        assertEquals(
                "--sales must be at least 1, got 0",
                assertThrows(Bench.UsageException.class, () -> Bench.Options.parse(new String[] {"--sales", "0"}))
                        .getMessage());
        assertEquals(
                "--clients needs a value",
                assertThrows(Bench.UsageException.class, () -> Bench.Options.parse(new String[] {"--clients"}))
                        .getMessage());
        assertEquals(List.of(512, 1024), Bench.Options.parse(new String[] {"--cold-memory", "512, 1024"}).coldMemory);
    }

    @Test
    void an_unknown_option_is_named() {
        assertEquals(
                "unknown option --round",
                assertThrows(Bench.UsageException.class, () -> Bench.Options.parse(new String[] {"--round", "3"}))
                        .getMessage());
    }

    @Test
    void the_usage_lists_every_option_the_parser_knows() {
        String usage = Bench.usage();
        for (String option : List.of(
                "--baseline",
                "--quick",
                "--only",
                "--output",
                "--rounds",
                "--cold-memory",
                "--warm-up",
                "--warm-iterations",
                "--clients",
                "--sales",
                "--analysis-sizes",
                "--analysis-writers",
                "--export-rows",
                "--export-table-rows",
                "--cost-repetitions",
                "--cost-memory",
                "--help")) {
            assertTrue(usage.contains(option), option + " is missing from usage.txt");
        }
        for (String section : Bench.Options.SECTIONS) {
            assertTrue(usage.contains(section), "section " + section + " is missing from usage.txt");
        }
    }
}

package io.ringtap.bench.capture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTest {

    @Test
    void should_round_trip_a_run_when_its_line_is_parsed() {
        // Given
        RunResult run = new RunResult("b", 3, 1_073_741_824L, 400_000, 3_000_000, 2_500_000_000L);

        // When
        RunResult parsed = RunResult.parse("noise " + run.line());
        RunResult back = RunResult.parse(run.line());

        // Then
        assertThat(parsed).isNull();
        assertThat(back).isEqualTo(run);
        assertThat(back.mbPerSecond()).isCloseTo(429.4967, org.assertj.core.data.Offset.offset(0.001));
        assertThat(back.eventsPerSecond()).isEqualTo(1_200_000.0);
    }

    @Test
    void should_report_median_ratios_against_targets_when_runs_alternate() {
        // Given: same work per run; (a) 1, 2, 3 s; (b) 2, 2.5, 10 s (one outlier); (c) 4 s; (d) 5 s
        List<RunResult> runs = List.of(
                run("a", 1, 1.0), run("b", 1, 2.0), run("a", 2, 2.0), run("b", 2, 2.5), run("a", 3, 3.0), run("b", 3, 10.0),
                run("c", 1, 4.0), run("d", 1, 5.0));
        ResultTable table = new ResultTable(runs);

        // When
        double ba = table.ratio("b", "a");
        double cd = table.ratio("c", "d");
        String md = table.markdown();

        // Then: medians 250k/s (a, 2 s) and 200k/s (b, 2.5 s; the outlier does not count): 0.8x; (c) faster than (d): 1.25x
        assertThat(ba).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cd).isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(md).startsWith("| variant | runs | MB/s | mutations/s | events/s | ratio (events/s) |\n|---|");
        assertThat(md).contains("| (a) Cassandra CommitLogReader, every cell walked (floor) | 3 | 250.0 | 25,000 | 250,000 |  |");
        assertThat(md).contains("| 0.80x of (a) (target >= 0.8x: met) |");
        assertThat(md).contains("| 1.25x of (d) (target >= 0.7x: met) |");
    }

    @Test
    void should_leave_out_variants_and_ratios_when_a_pair_did_not_run() {
        // Given
        ResultTable table = new ResultTable(List.of(run("a", 1, 1.0), run("b", 1, 4.0)));

        // When
        String md = table.markdown();

        // Then
        assertThat(md).contains("0.25x of (a) (target >= 0.8x: missed)");
        assertThat(md).doesNotContain("(c)").doesNotContain("(d)");
        assertThat(table.ratio("c", "d")).isNaN();
    }

    @Test
    void should_parse_smoke_and_only_when_given() {
        // When
        CaptureOptions smoke = CaptureOptions.parse("--smoke", "--only", "cd");
        CaptureOptions defaults = CaptureOptions.parse();

        // Then
        assertThat(smoke.runs()).isEqualTo(1);
        assertThat(smoke.segments()).isEqualTo(1);
        assertThat(smoke.kafkaSegments()).isEqualTo(1);
        assertThat(smoke.pairs()).containsExactly("cd");
        assertThat(defaults.runs()).isEqualTo(5);
        assertThat(defaults.pairs()).containsExactly("ab", "cd");
        assertThat(defaults.corpusMiB()).isEqualTo(1024);
        assertThat(defaults.segments()).isEqualTo(4);
        assertThat(defaults.kafkaSegments()).isEqualTo(2);
        assertThat(CaptureOptions.parse("--segments", "0").segments()).isZero();
    }

    /** 500 MB, 50k mutations, 500k events per run. */
    private static RunResult run(String variant, int n, double seconds) {
        return new RunResult(variant, n, 500_000_000L, 50_000, 500_000, (long) (seconds * 1e9));
    }
}

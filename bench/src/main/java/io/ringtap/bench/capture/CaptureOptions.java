package io.ringtap.bench.capture;

import java.util.List;

/**
 * Options of {@code bench/run capture}.
 *
 * @param runs        timed runs per variant (default 5)
 * @param segments    (a)/(b): use only the first K corpus segments (0 = all)
 * @param kafkaSegments (c)/(d): use only the first K corpus segments (0 = all)
 * @param pairs       which comparisons: "ab", "cd" or both
 * @param regenerate  rebuild the corpus even if present
 * @param corpusMiB   corpus size to generate
 * @param jfr         record a JFR profile of each decoding JVM
 */
record CaptureOptions(int runs, int segments, int kafkaSegments, List<String> pairs, boolean regenerate, long corpusMiB, boolean jfr,
                      String corpusDir) {

    /**
     * Segments (a)/(b) measure by default: the first 4 of the corpus (128 MiB). (b) runs ~1 min per 256 MiB on a
     * loaded 2-core machine, so the whole GiB would take ~45 min for 5 runs of each variant, far over the suite's
     * ~12 min budget; {@code --segments 0} measures it all.
     */
    static final int DEFAULT_SEGMENTS = 4;
    /** Segments measured by default for (c)/(d): the first 2 (64 MiB); the full path runs ~8x slower than (a). */
    static final int DEFAULT_KAFKA_SEGMENTS = 2;

    static final String USAGE = """
            usage: bench/run capture [options]
              --runs N          timed runs per variant, alternating a,b,a,b... and c,d,c,d... (default 5)
              --smoke           quick check: 1 run of each variant over the first segment only
              --segments K      (a)/(b): measure the first K corpus segments of 32 MiB (default 4; 0 = whole corpus)
              --kafka-segments K  (c)/(d): the same (default 2; 0 = whole corpus)
              --only ab|cd      run one comparison only
              --regenerate      rebuild the corpus (<repo>/.bench/corpus) even if present
              --corpus-mib M    corpus size to generate, MiB of completed segments (default 1024)
              --corpus DIR      corpus directory (default <repo>/.bench/corpus)
              --jfr             record JFR profiles of the decoding JVMs (in <repo>/.bench/work/*.jfr)
            env RINGTAP_LAB_NET (lab net, e.g. 127.0.22), RINGTAP_BENCH_NO_BUILD=1 (skip the build)""";

    static CaptureOptions parse(String... args) {
        int runs = 5;
        int segments = DEFAULT_SEGMENTS;
        int kafkaSegments = DEFAULT_KAFKA_SEGMENTS;
        List<String> pairs = List.of("ab", "cd");
        boolean regenerate = false;
        long mib = 1024;
        boolean jfr = false;
        String corpus = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                case "--smoke" -> {
                    runs = 1;
                    segments = 1;
                    kafkaSegments = 1;
                }
                case "--segments" -> segments = Integer.parseInt(value(args, ++i));
                case "--kafka-segments" -> kafkaSegments = Integer.parseInt(value(args, ++i));
                case "--only" -> {
                    String p = value(args, ++i);
                    if (!p.equals("ab") && !p.equals("cd")) {
                        throw new IllegalArgumentException("--only takes ab or cd, not " + p);
                    }
                    pairs = List.of(p);
                }
                case "--regenerate" -> regenerate = true;
                case "--corpus-mib" -> mib = Long.parseLong(value(args, ++i));
                case "--corpus" -> corpus = value(args, ++i);
                case "--jfr" -> jfr = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        return new CaptureOptions(runs, segments, kafkaSegments, pairs, regenerate, mib, jfr, corpus);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}

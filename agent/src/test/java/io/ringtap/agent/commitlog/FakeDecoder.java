package io.ringtap.agent.commitlog;

import io.ringtap.agent.eav.CapturedMutation;
import io.ringtap.agent.queue.QueueFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A SegmentDecoder over in-memory entries, recording every call. */
final class FakeDecoder implements SegmentDecoder {
    final Map<Long, TreeMap<Integer, CapturedMutation>> entries = new HashMap<>();
    final Map<Long, Integer> corruptAt = new HashMap<>();
    final Map<String, Long> dropped = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    void add(long segment, int... positions) {
        for (int p : positions) {
            String id = String.format("%016x%016x", segment, p);
            entries.computeIfAbsent(segment, k -> new TreeMap<>())
                    .put(p, QueueFixtures.cdc(segment, p, QueueFixtures.event(id, "c", p)));
        }
    }

    @Override
    public ReadResult read(Path logFile, long segmentId, int afterPosition, int upToPosition, MutationSink sink)
            throws CorruptSegmentException, InterruptedException {
        if (!Files.exists(logFile)) {
            throw new CorruptSegmentException("missing " + logFile, afterPosition, null);
        }
        calls.add(segmentId + ":" + afterPosition + ":" + upToPosition);
        int last = afterPosition;
        long n = 0;
        for (Map.Entry<Integer, CapturedMutation> e : entries.getOrDefault(segmentId, new TreeMap<>()).entrySet()) {
            int pos = e.getKey();
            if (pos <= afterPosition) continue;
            if (upToPosition >= 0 && pos > upToPosition) break;
            Integer bad = corruptAt.get(segmentId);
            if (bad != null && pos >= bad) {
                throw new CorruptSegmentException("bad mutation at " + pos, last, null);
            }
            sink.accept(e.getValue());
            last = pos;
            n++;
        }
        return new ReadResult(last, n, dropped);
    }
}

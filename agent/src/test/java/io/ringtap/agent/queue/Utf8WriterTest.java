package io.ringtap.agent.queue;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8WriterTest {

    @Test
    void should_write_the_bytes_chronicle_writes_when_strings_hold_any_chars() {
        // Given: ASCII, NUL, 2- and 3-byte chars, a surrogate pair (emoji), an unpaired surrogate, empty, null, long
        char[] longText = new char[5000];
        Arrays.fill(longText, 'é');
        List<String> strings = Arrays.asList("", "{\"v\":1,\"op\":\"cell\"}", "a\u0000b", "café", "€ 12", "\uD83D\uDE00 smile",
                "bad \uD800 half", null, new String(longText));
        Utf8Writer writer = new Utf8Writer();

        for (String s : strings) {
            Bytes<?> ours = Bytes.allocateElasticOnHeap(64);
            Bytes<?> theirs = Bytes.allocateElasticOnHeap(64);

            // When
            writer.write(ours, s);
            theirs.writeUtf8(s);

            // Then: byte for byte, and Chronicle reads it back
            assertThat(ours.toByteArray()).as("bytes of %s", s).isEqualTo(theirs.toByteArray());
            assertThat(ours.readUtf8()).isEqualTo(s);
        }
    }
}

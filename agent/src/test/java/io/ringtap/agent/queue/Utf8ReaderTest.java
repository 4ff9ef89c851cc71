package io.ringtap.agent.queue;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf8ReaderTest {

    @Test
    void should_read_what_chronicle_reads_when_strings_hold_any_chars() {
        // Given: ASCII, NUL, 2- and 3-byte chars, a surrogate pair (emoji), an unpaired surrogate, empty, null, long
        char[] longText = new char[5000];
        Arrays.fill(longText, 'é');
        List<String> strings = Arrays.asList("", "{\"v\":1,\"op\":\"cell\"}", "a\u0000b", "café", "€ 12",
                "\uD83D\uDE00 smile", "bad \uD800 half", null, new String(longText), "\u007f\u0080\u07ff\u0800\uffff");
        Bytes<?> written = Bytes.allocateElasticOnHeap(64);
        for (String s : strings) {
            written.writeUtf8(s); // Chronicle's own encoding, as older queues hold it
        }
        Bytes<?> ours = Bytes.allocateElasticOnHeap(64);
        new Utf8Writer().write(ours, "after");
        written.write(ours);
        Bytes<?> copy = Bytes.allocateElasticOnHeap(64);
        copy.write(written);

        // When both read the same bytes back, one string after another
        Utf8Reader reader = new Utf8Reader();
        for (String s : strings) {
            String theirs = copy.readUtf8();
            String read = reader.read(written);

            // Then each string is what Chronicle reads (and what was written), and both stop at the same byte
            assertThat(read).as("string %s", s).isEqualTo(theirs).isEqualTo(s);
            assertThat(written.readPosition()).isEqualTo(copy.readPosition());
        }
        assertThat(reader.read(written)).isEqualTo("after");
        assertThat(written.readRemaining()).isZero();
    }

    @Test
    void should_refuse_bytes_chronicle_cannot_have_written_when_an_excerpt_is_corrupt() {
        // Given a 2-byte string whose bytes are a lone continuation byte and a 4-byte lead
        Bytes<?> bad = Bytes.allocateElasticOnHeap(8);
        bad.writeStopBit(2);
        bad.writeUnsignedByte(0x80);
        bad.writeUnsignedByte(0xF0);
        Bytes<?> tooLong = Bytes.allocateElasticOnHeap(8);
        tooLong.writeStopBit(100);
        tooLong.writeUnsignedByte('a');

        // When / Then
        assertThatThrownBy(() -> new Utf8Reader().read(bad)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("malformed UTF-8");
        assertThatThrownBy(() -> new Utf8Reader().read(tooLong)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("malformed string length");
    }
}

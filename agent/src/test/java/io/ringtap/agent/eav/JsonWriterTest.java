package io.ringtap.agent.eav;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JsonWriter} against the Jackson generator it replaced: event ids hash some of its texts, so it
 * must write exactly what Jackson wrote, byte for byte.
 */
class JsonWriterTest {
    private static final JsonFactory JACKSON = new JsonFactory();

    private static String jacksonString(String s) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JACKSON.createGenerator(w)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String jacksonObject(List<String> names, List<String> values) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JACKSON.createGenerator(w)) {
            g.writeStartObject();
            for (int i = 0; i < names.size(); i++) {
                g.writeStringField(names.get(i), values.get(i));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String writerObject(List<String> names, List<String> values) {
        JsonWriter w = new JsonWriter(16).startObject();
        for (int i = 0; i < names.size(); i++) {
            w.stringMember(names.get(i), values.get(i));
        }
        return w.endObject().toString();
    }

    /** Every UTF-16 code unit alone, including each lone surrogate, and embedded in ASCII text. */
    private static List<String> everyChar() {
        List<String> out = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            out.add(String.valueOf((char) c));
            out.add("a" + (char) c + "b");
        }
        return out;
    }

    private static List<String> notableStrings() {
        StringBuilder ascii = new StringBuilder();
        for (int c = 0; c < 0x80; c++) {
            ascii.append((char) c);
        }
        return List.of("", "plain", ascii.toString(), "a/b</script>", "quote\"back\\slash",
                "\b\t\n\f\r\u0000\u001f\u007f", "é ß ü", "中文 日本語", "\u2028\u2029\uFEFF\uFFFF",
                "😀 𝄞 pairs", "\uD83D", "\uDE00", "x\uDE00\uD83Dy", "\uD83D\uD83D\uDE00", "\"\"\"\\\\\\");
    }

    /** Random strings, fixed seed: mixes of ASCII, controls, 2/3-byte chars, pairs and lone surrogates. */
    private static List<String> randomStrings() {
        Random random = new Random(20261123L);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            int len = random.nextInt(40);
            StringBuilder sb = new StringBuilder(len);
            for (int j = 0; j < len; j++) {
                int kind = random.nextInt(6);
                if (kind == 0) {
                    sb.append((char) random.nextInt(0x20));
                } else if (kind <= 2) {
                    sb.append((char) (0x20 + random.nextInt(0x60)));
                } else if (kind == 3) {
                    sb.append((char) (0x80 + random.nextInt(0x780)));
                } else if (kind == 4) {
                    sb.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
                } else {
                    sb.append((char) random.nextInt(0x10000));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void should_write_what_jackson_writes_when_quoting_every_single_char() {
        // Given
        List<String> strings = everyChar();

        // When / Then
        for (String s : strings) {
            assertThat(JsonWriter.quote(s)).as("char %04x", (int) s.charAt(s.length() == 1 ? 0 : 1))
                    .isEqualTo(jacksonString(s));
        }
    }

    @Test
    void should_write_what_jackson_writes_when_quoting_notable_and_random_strings() {
        // Given
        List<String> strings = new ArrayList<>(notableStrings());
        strings.addAll(randomStrings());

        // When / Then
        for (String s : strings) {
            assertThat(JsonWriter.quote(s)).isEqualTo(jacksonString(s));
            assertThat(JsonText.string(s)).isEqualTo(jacksonString(s));
        }
    }

    @Test
    void should_write_what_jackson_writes_when_strings_are_member_names_and_values() {
        // Given
        List<String> strings = new ArrayList<>(notableStrings());
        strings.addAll(randomStrings().subList(0, 200));
        List<String> values = new ArrayList<>(strings);
        Collections.reverse(values);

        // When
        String written = writerObject(strings, values);

        // Then
        assertThat(written).isEqualTo(jacksonObject(strings, values));
    }

    @Test
    void should_use_short_escapes_and_uppercase_hex_when_escaping_controls() {
        // Given / When
        String quoted = JsonWriter.quote("\b\t\n\f\r\u0000\u001a\"\\/\u007f");

        // Then
        assertThat(quoted).isEqualTo("\"\\b\\t\\n\\f\\r\\u0000\\u001A\\\"\\\\/\u007f\"");
    }

    @Test
    void should_write_numbers_and_booleans_as_jackson_does_when_given_extremes() throws IOException {
        // Given
        long[] numbers = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                1763863687123456L, -1763863687123456L};
        StringWriter expected = new StringWriter();
        JsonWriter w = new JsonWriter(16).startObject();

        // When
        try (JsonGenerator g = JACKSON.createGenerator(expected)) {
            g.writeStartObject();
            for (int i = 0; i < numbers.length; i++) {
                g.writeNumberField("n" + i, numbers[i]);
                w.numberMember("n" + i, numbers[i]);
                if (numbers[i] == (int) numbers[i]) {
                    g.writeNumberField("i" + i, (int) numbers[i]);
                    w.numberMember("i" + i, (int) numbers[i]);
                }
            }
            g.writeBooleanField("t", true);
            g.writeBooleanField("f", false);
            g.writeEndObject();
        }
        w.boolMember("t", true).boolMember("f", false).endObject();

        // Then
        assertThat(w.toString()).isEqualTo(expected.toString());
    }

    @Test
    void should_separate_members_per_object_when_objects_nest() {
        // Given / When
        String json = new JsonWriter(16).startObject()
                .numberMember("a", 1)
                .name("b").startObject().rawMember("c", "[1,2]").name("d").startObject().endObject().endObject()
                .name("e").startObject().boolMember("f", true).numberMember("g", 2).endObject()
                .stringMember("h", "i")
                .endObject().toString();

        // Then
        assertThat(json).isEqualTo("{\"a\":1,\"b\":{\"c\":[1,2],\"d\":{}},\"e\":{\"f\":true,\"g\":2},\"h\":\"i\"}");
    }

    @Test
    void should_start_empty_when_thread_writer_is_reused_after_an_unfinished_object() {
        // Given: a use that failed half way
        JsonWriter.reused().startObject().numberMember("a", 1).name("b").startObject();

        // When
        String json = JsonWriter.reused().startObject().numberMember("c", 2).endObject().toString();

        // Then
        assertThat(json).isEqualTo("{\"c\":2}");
    }
}

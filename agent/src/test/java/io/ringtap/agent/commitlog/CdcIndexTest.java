package io.ringtap.agent.commitlog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CdcIndexTest {

    @Test
    void should_be_unreadable_when_idx_is_empty_or_cut_short() {
        assertThat(CdcIndex.parse("")).isNull();
        assertThat(CdcIndex.parse(null)).isNull();
        assertThat(CdcIndex.parse("123\n")).isNull();
        assertThat(CdcIndex.parse("123\nCOMPL")).isNull();
        assertThat(CdcIndex.parse("12a")).isNull();
        assertThat(CdcIndex.parse("99999999999")).isNull();
    }

    @Test
    void should_give_offset_when_idx_holds_digits() {
        // When
        CdcIndex idx = CdcIndex.parse("48211");

        // Then
        assertThat(idx.offset()).isEqualTo(48211);
        assertThat(idx.completed()).isFalse();
    }

    @Test
    void should_be_completed_when_idx_ends_with_completed() {
        // When
        CdcIndex idx = CdcIndex.parse("33554432\nCOMPLETED");

        // Then
        assertThat(idx.offset()).isEqualTo(33554432);
        assertThat(idx.completed()).isTrue();
    }
}

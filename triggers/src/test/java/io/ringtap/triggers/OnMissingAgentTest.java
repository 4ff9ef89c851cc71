package io.ringtap.triggers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OnMissingAgentTest {

    @Test
    void should_fail_when_nothing_is_set() {
        assertThat(OnMissingAgent.resolve(null, null)).isEqualTo(OnMissingAgent.FAIL);
    }

    @Test
    void should_take_agent_config_when_property_is_absent_or_blank() {
        assertThat(OnMissingAgent.resolve(null, "skip-with-error")).isEqualTo(OnMissingAgent.SKIP_WITH_ERROR);
        assertThat(OnMissingAgent.resolve(" ", "skip-with-error")).isEqualTo(OnMissingAgent.SKIP_WITH_ERROR);
    }

    @Test
    void should_prefer_property_when_both_are_set() {
        assertThat(OnMissingAgent.resolve("fail", "skip-with-error")).isEqualTo(OnMissingAgent.FAIL);
        assertThat(OnMissingAgent.resolve(" Skip-With-Error ", "fail")).isEqualTo(OnMissingAgent.SKIP_WITH_ERROR);
    }

    @Test
    void should_fail_when_property_is_misspelt() {
        assertThat(OnMissingAgent.resolve("skip", "skip-with-error")).isEqualTo(OnMissingAgent.FAIL);
    }
}

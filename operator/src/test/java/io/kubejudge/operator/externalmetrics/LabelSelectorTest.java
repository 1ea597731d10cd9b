package io.kubejudge.operator.externalmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> JUDGE_DEFAULT = Map.of("namespace", "judge", "pool", "default");

    @Test
    void theHpaSelectorOfAPoolNamesThePool() {
        LabelSelector s = LabelSelector.parse("namespace=judge,pool=default");
        assertThat(s.required("pool")).contains("default");
        assertThat(s.matches(JUDGE_DEFAULT)).isTrue();
        assertThat(s.matches(Map.of("namespace", "judge", "pool", "gpu"))).isFalse();
    }

    @Test
    void everyOperatorOfTheStringForm() {
        assertThat(LabelSelector.parse("pool==default").matches(JUDGE_DEFAULT)).isTrue();
        assertThat(LabelSelector.parse("pool!=default").matches(JUDGE_DEFAULT)).isFalse();
        assertThat(LabelSelector.parse("pool in (gpu, default)").matches(JUDGE_DEFAULT)).isTrue();
        assertThat(LabelSelector.parse("pool in (gpu, default)").required("pool")).isEmpty();
        assertThat(LabelSelector.parse("pool in (default)").required("pool")).contains("default");
        assertThat(LabelSelector.parse("pool notin (default),namespace").matches(JUDGE_DEFAULT)).isFalse();
        assertThat(LabelSelector.parse("!tier,pool").matches(JUDGE_DEFAULT)).isTrue();
        assertThat(LabelSelector.parse("").matches(JUDGE_DEFAULT)).isTrue();
        assertThat(LabelSelector.parse(null).matches(Map.of())).isTrue();
    }

    @Test
    void aBadTermIsNamed() {
        assertThatThrownBy(() -> LabelSelector.parse("pool=default,pool in gpu"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"pool in gpu\"");
        assertThatThrownBy(() -> LabelSelector.parse("pool=a b"))
                .hasMessageContaining("invalid label value \"a b\"");
        assertThatThrownBy(() -> LabelSelector.parse("namespace=judge,,pool=x")).hasMessageContaining("empty term");
    }
}

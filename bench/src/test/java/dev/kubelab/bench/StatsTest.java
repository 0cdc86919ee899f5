package dev.kubelab.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Stats.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void nearestRankPercentiles() {
        List<Double> s = List.of(15.0, 20.0, 35.0, 40.0, 50.0);
        assertThat(Stats.percentile(s, 30)).isEqualTo(20.0);
        assertThat(Stats.percentile(s, 90)).isEqualTo(50.0);
        assertThat(Stats.percentile(s, 100)).isEqualTo(50.0);
        assertThatThrownBy(() -> Stats.median(List.of())).hasMessage("no samples");
    }

    @Test
    void rssOfThisProcessIsPositive() {
        assertThat(Rss.mib(ProcessHandle.current().pid())).isPositive();
        assertThat(Rss.mib(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void goalIsMetWhenMedianIsAtMostTheGoal() {
        assertThat(new Measurement("x", "ms", List.of(10.0, 60.0, 40.0), 50.0).meetsGoal()).isTrue();
        assertThat(new Measurement("x", "ms", List.of(70.0, 60.0, 40.0), 50.0).meetsGoal()).isFalse();
    }
}

package dev.kubelab.kubelet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodIpAllocatorTest {
    @Test
    void allocatesFromDotTwoAndReusesLowestFreed() {
        PodIpAllocator a = new PodIpAllocator("10.244.1.0/24");
        assertThat(a.gateway()).isEqualTo("10.244.1.1");
        assertThat(a.allocate()).isEqualTo("10.244.1.2");
        assertThat(a.allocate()).isEqualTo("10.244.1.3");
        a.reserve("10.244.1.4");
        assertThat(a.allocate()).isEqualTo("10.244.1.5");
        a.release("10.244.1.2");
        assertThat(a.allocate()).isEqualTo("10.244.1.2");
        a.reserve("192.168.0.7"); // outside: ignored
        assertThat(a.inUse()).isEqualTo(4);
    }

    @Test
    void exhaustionFailsLikeHostLocalIpam() {
        PodIpAllocator a = new PodIpAllocator("10.244.3.0/29");
        for (int i = 0; i < 5; i++) {
            a.allocate();
        }
        assertThatThrownBy(a::allocate).hasMessage("failed to allocate for range 0: no IP addresses available in range set: 10.244.3.2-10.244.3.6");
    }

    @Test
    void badCidrIsAOneLineError() {
        assertThatThrownBy(() -> new PodIpAllocator("10.244.0.0")).hasMessageContaining("CIDR notation");
    }
}

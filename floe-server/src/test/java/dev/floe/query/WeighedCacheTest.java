package dev.floe.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeighedCacheTest {
    @Test
    void theLeastRecentlyUsedGoOnceTheWeightPassesTheLimit() {
        WeighedCache<String, String> cache = new WeighedCache<>(10, String::length);
        cache.put("a", "aaaa");
        cache.put("b", "bbbb");
        assertThat(cache.get("a")).isEqualTo("aaaa");

        cache.put("c", "cccc");

        assertThat(cache.get("b")).as("least recently used").isNull();
        assertThat(cache.get("a")).isEqualTo("aaaa");
        assertThat(cache.get("c")).isEqualTo("cccc");
    }

    @Test
    void aValueKeptFirstStaysAndOneHeavierThanTheLimitIsNotKept() {
        WeighedCache<String, String> cache = new WeighedCache<>(10, String::length);
        cache.put("a", "first");
        cache.put("a", "second");
        cache.put("huge", "x".repeat(11));

        assertThat(cache.get("a")).isEqualTo("first");
        assertThat(cache.get("huge")).isNull();
    }
}

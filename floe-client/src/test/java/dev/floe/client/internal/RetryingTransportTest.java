package dev.floe.client.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.floe.client.internal.ScriptedTransport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryingTransportTest {
    private static final ApiRequest REQUEST = new ApiRequest("POST", URI.create("http://floe/records"),
            Map.of("Floe-Producer-Sequence", "7"), new byte[] {'[', ']'});

    private final ScriptedTransport server = new ScriptedTransport();
    private final List<Duration> sleeps = new ArrayList<>();
    private long now;
    private final RetryingTransport transport = new RetryingTransport(server, Duration.ofSeconds(30),
            () -> now, duration -> {
                sleeps.add(duration);
                now += duration.toNanos();
            });

    @Test
    void answersOtherThanBusyAreReturnedAtOnce() throws Exception {
        server.thenRespond(json(400, "{}"));

        assertThat(transport.send(REQUEST).status()).isEqualTo(400);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void connectionFailuresAreRetriedWithTheSameRequestAndGrowingJitteredPauses() throws Exception {
        server.thenFail(new ConnectException()).thenFail(new ConnectException()).thenFail(new ConnectException())
                .thenRespond(json(200, "{}"));

        assertThat(transport.send(REQUEST).status()).isEqualTo(200);

        assertThat(server.requests()).hasSize(4).allSatisfy(sent -> {
            assertThat(sent.body()).isSameAs(REQUEST.body());
            assertThat(sent.headers()).isEqualTo(REQUEST.headers());
        });
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(sleeps.get(2)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void busyAnswersWaitAsLongAsRetryAfterSays() throws Exception {
        server.thenRespond(json(429, "{}", Map.of("Retry-After", "2")))
                .thenRespond(json(503, "{}", Map.of("retry-after", "1")))
                .thenRespond(json(200, "{}"));

        assertThat(transport.send(REQUEST).status()).isEqualTo(200);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void busyAnswerIsReturnedWhenTheNextWaitWouldPassTheDeadline() throws Exception {
        server.thenRespond(json(503, "{}", Map.of("Retry-After", "20")))
                .thenRespond(json(503, "{}", Map.of("Retry-After", "20")));

        assertThat(transport.send(REQUEST).status()).isEqualTo(503);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(20));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void connectionFailureIsRethrownWithTheAttemptsOnceTheDeadlinePassed() {
        for (int i = 0; i < 100; i++) {
            server.thenFail(new ConnectException("Connection refused"));
        }

        assertThatThrownBy(() -> transport.send(REQUEST))
                .isInstanceOf(IOException.class)
                .hasMessageMatching("Connection refused \\(gave up after \\d+ attempts in \\d+ ms\\)");
        assertThat(now).isLessThanOrEqualTo(Duration.ofSeconds(30).toNanos());
        assertThat(sleeps.stream().max(Duration::compareTo).orElseThrow()).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void zeroDeadlineSendsOnce() throws Exception {
        RetryingTransport noRetries = new RetryingTransport(server, Duration.ZERO, () -> now, duration -> now += duration.toNanos());
        server.thenRespond(json(503, "{}"));

        assertThat(noRetries.send(REQUEST).status()).isEqualTo(503);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void retryAfterThatIsNotWholeSecondsIsIgnored() {
        assertThat(RetryingTransport.retryAfter(json(503, "", Map.of("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"))))
                .isEmpty();
        assertThat(RetryingTransport.retryAfter(json(503, "", Map.of("Retry-After", " 3 ")))).contains(Duration.ofSeconds(3));
    }
}

package dev.resonance.impl.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class ConnectionBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final ConnectionBreaker breaker = new ConnectionBreaker(now::get, Duration.ofSeconds(2));
    private final AtomicInteger asked = new AtomicInteger();

    private Connection refused() throws SQLException {
        asked.incrementAndGet();
        throw new PSQLException("Connection to 127.0.0.1:1 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
    }

    @Test
    void whileOpenNoConnectionIsAttemptedThenOneTrialAtATimeGoesThrough() throws Exception {
        assertThatThrownBy(() -> breaker.borrow(this::refused)).isInstanceOf(PSQLException.class);
        assertThat(asked).hasValue(1);

        now.addAndGet(Duration.ofMillis(1999).toNanos());
        assertThatThrownBy(() -> breaker.borrow(this::refused)).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(asked).hasValue(1);

        now.addAndGet(Duration.ofMillis(1).toNanos());
        CountDownLatch trialStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Connection> trial = CompletableFuture.supplyAsync(() -> {
            try {
                return breaker.borrow(() -> {
                    trialStarted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new SQLException(e);
                    }
                    return null; // the database answers: "a connection"
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(trialStarted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> breaker.borrow(this::refused)).as("a second caller during the trial")
                .isInstanceOf(SQLTransientConnectionException.class);
        assertThat(asked).hasValue(1);

        release.countDown();
        trial.get(10, TimeUnit.SECONDS);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void aBusyPoolDoesNotOpenIt() {
        assertThatThrownBy(() -> breaker.borrow(() -> {
            throw new SQLTransientConnectionException("resonance - Connection is not available, request timed out after 5000ms");
        })).isInstanceOf(SQLTransientConnectionException.class);

        assertThat(breaker.isOpen()).isFalse();
    }
}

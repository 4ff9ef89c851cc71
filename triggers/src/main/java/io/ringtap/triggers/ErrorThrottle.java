package io.ringtap.triggers;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one log line through per interval and counts the ones it held back, so a trigger refusing every
 * write of a busy table logs a few lines a minute, not one per write. Lock-free: request threads race on
 * one compare-and-set.
 */
final class ErrorThrottle {
    private final long intervalNanos;
    private final AtomicLong lastLogged;
    private final AtomicLong suppressed = new AtomicLong();

    ErrorThrottle(long intervalNanos, long nowNanos) {
        this.intervalNanos = intervalNanos;
        this.lastLogged = new AtomicLong(nowNanos - intervalNanos - 1);
    }

    /**
     * @return {@code -1} when this occurrence must not be logged, else how many were held back since the last
     * logged one
     */
    long acquire(long nowNanos) {
        long last = lastLogged.get();
        if (nowNanos - last > intervalNanos && lastLogged.compareAndSet(last, nowNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }
}

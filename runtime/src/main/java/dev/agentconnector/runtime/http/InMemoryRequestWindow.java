package dev.agentconnector.runtime.http;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The exact sliding window of one process: remembers the start time of each of the last {@code perMinute} requests
 * and has room when the oldest of them is a minute old. The default window of local mode.
 */
public final class InMemoryRequestWindow implements RequestWindow {
    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

    private final int perMinute;
    private final Clock clock;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();

    /**
     * @param perMinute most request starts in any 60 seconds (at least 1)
     * @param clock     the time of each start
     */
    public InMemoryRequestWindow(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    @Override
    public long tryStart() {
        synchronized (starts) {
            long now = clock.millis();
            while (!starts.isEmpty() && starts.peekFirst() <= now - WINDOW_MILLIS) {
                starts.pollFirst();
            }
            if (starts.size() < perMinute) {
                starts.addLast(now);
                return 0;
            }
            return Math.max(1, starts.peekFirst() + WINDOW_MILLIS - now);
        }
    }

    @Override
    public String toString() {
        return "InMemoryRequestWindow[" + perMinute + "/min]";
    }
}

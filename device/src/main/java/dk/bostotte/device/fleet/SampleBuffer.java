package dk.bostotte.device.fleet;

import dk.bostotte.protocol.message.NetworkSample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The in-memory side of {@link TelemetryQueue}: samples in seq order, which of them are in flight,
 * and the counters. Not thread-safe and not durable on its own; the queue provides both.
 */
final class SampleBuffer {

    private final ArrayDeque<NetworkSample> samples = new ArrayDeque<>();
    private long lastSeq = -1;
    private long handedOutUpTo = -1;
    long dropped;
    long corrupt;

    /** False if {@code s} is not after the last sample ever added (it would break seq order). */
    boolean add(NetworkSample s) {
        if (s.seq() <= lastSeq) {
            return false;
        }
        samples.addLast(s);
        lastSeq = s.seq();
        return true;
    }

    long lastSeq() {
        return lastSeq;
    }

    NetworkSample oldest() {
        return samples.peekFirst();
    }

    void dropOldest() {
        if (samples.pollFirst() != null) {
            dropped++;
        }
    }

    List<NetworkSample> takeBatch(int max) {
        List<NetworkSample> batch = new ArrayList<>(Math.min(max, samples.size()));
        for (Iterator<NetworkSample> it = samples.iterator(); it.hasNext() && batch.size() < max; ) {
            NetworkSample s = it.next();
            if (s.seq() > handedOutUpTo) {
                batch.add(s);
            }
        }
        if (!batch.isEmpty()) {
            handedOutUpTo = batch.get(batch.size() - 1).seq();
        }
        return batch;
    }

    void rewind() {
        handedOutUpTo = -1;
    }

    /** Removes the samples with seq in [first, last]; returns how many there were. */
    int removeRange(long first, long last) {
        int before = samples.size();
        NetworkSample head = samples.peekFirst();
        if (head != null && head.seq() >= first) {
            // The usual case: batches are acknowledged in order, from the head.
            while (!samples.isEmpty() && samples.peekFirst().seq() <= last) {
                samples.pollFirst();
            }
        } else {
            samples.removeIf(s -> s.seq() >= first && s.seq() <= last);
        }
        return before - samples.size();
    }

    int size() {
        return samples.size();
    }

    int pending() {
        int n = 0;
        for (NetworkSample s : samples) {
            if (s.seq() > handedOutUpTo) {
                n++;
            }
        }
        return n;
    }

    List<NetworkSample> snapshot() {
        return List.copyOf(samples);
    }
}

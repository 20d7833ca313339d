package dk.bostotte.device.call;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A call's listener for tests with no peer: it waits for the offer and ignores the rest. */
final class OfferLatch implements CallMedia.Listener {

    private final CountDownLatch offered = new CountDownLatch(1);

    boolean await(Duration timeout) throws InterruptedException {
        return offered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void offer(String sdp) {
        offered.countDown();
    }

    @Override
    public void candidate(int sdpMLineIndex, String candidate) {
    }

    @Override
    public void connected() {
    }

    @Override
    public void failed(String reason) {
    }
}

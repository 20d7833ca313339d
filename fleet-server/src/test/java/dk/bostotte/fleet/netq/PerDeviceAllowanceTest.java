package dk.bostotte.fleet.netq;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PerDeviceAllowanceTest {

    @Test
    void eachDeviceHasItsOwnAllowancePerWindow() {
        AtomicLong now = new AtomicLong(1_000);
        PerDeviceAllowance a = new PerDeviceAllowance(10_000, 100, now::get);
        assertTrue(a.take("A", 60));
        assertTrue(a.take("A", 40));
        assertFalse(a.take("A", 1), "spent");
        assertTrue(a.take("B", 100), "another device is not affected");
        assertFalse(a.take("B", 1));
        now.addAndGet(10_000);
        assertTrue(a.take("A", 100), "a new window starts afresh");
        assertFalse(a.take("A", 1), "and spent again");
    }
}

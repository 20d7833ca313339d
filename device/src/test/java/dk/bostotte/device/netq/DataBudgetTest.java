package dk.bostotte.device.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.device.MovableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DataBudgetTest {

    @Test
    void aProbeRunsOnlyWhileTodaysBudgetLastsAndTomorrowStartsAfresh() {
        MovableClock clock = new MovableClock("2026-11-23T09:00:00Z");
        DataBudget budget = new DataBudget(10_000, clock);
        assertTrue(budget.take(4_000));
        assertTrue(budget.take(6_000));
        assertFalse(budget.take(1), "spent");
        assertEquals(10_000, budget.usedToday(), "a refused probe takes nothing");
        clock.now = clock.now.plus(Duration.ofDays(1));
        assertTrue(budget.take(8_000));
        assertFalse(budget.take(3_000), "a probe that would overrun is skipped whole");
    }
}

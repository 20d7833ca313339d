package dk.bostotte.systemtests;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {

    @Test
    void aPresentPartLetsTheTestRun() {
        assertDoesNotThrow(() -> Requirements.require(true, "never said", true));
        assertDoesNotThrow(() -> Requirements.require(true, "never said", false));
    }

    @Test
    void aMissingPartFailsUnderTheLauncher() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Requirements.require(false, "chromium is not installed", true));
        assertTrue(e.getMessage().contains("chromium is not installed"), e.getMessage());
    }

    @Test
    void aMissingPartSkipsAPlainMavenRun() {
        assertThrows(TestAbortedException.class, () -> Requirements.require(false, "chromium is not installed", false));
    }
}

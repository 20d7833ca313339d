package dk.bostotte.fleet.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Where each role starts, and which pages its navigation offers. */
class ConsolePageTest {

    private static Set<ConsolePage> offered(Role role) {
        return Arrays.stream(ConsolePage.values()).filter(p -> p.navAttribute(role).isEmpty()).collect(Collectors.toSet());
    }

    @Test
    void eachRoleStartsOnAPageItMayOpen() {
        for (Role role : Role.values()) {
            assertTrue(ConsolePage.startFor(role).openTo(role), role + " may open its own start page");
        }
        assertEquals(ConsolePage.CITIZENS, ConsolePage.startFor(Role.STAFF));
        assertEquals(ConsolePage.DEVICES, ConsolePage.startFor(Role.SUPPORT));
        assertEquals(ConsolePage.REPORT, ConsolePage.startFor(Role.MANAGER));
    }

    @Test
    void itSupportIsNotOfferedMineBorgereWhoseVisitsAndContactsItMayNotRead() {
        assertFalse(ConsolePage.CITIZENS.openTo(Role.SUPPORT));
        assertEquals("hidden", ConsolePage.CITIZENS.navAttribute(Role.SUPPORT));
        assertEquals(Set.of(ConsolePage.DEVICES, ConsolePage.DEVICE, ConsolePage.ALERTS, ConsolePage.COVERAGE, ConsolePage.AUDIT),
                offered(Role.SUPPORT));
        assertEquals(Set.of(ConsolePage.CITIZENS), offered(Role.STAFF));
        assertEquals(Set.of(ConsolePage.REPORT), offered(Role.MANAGER));
        assertEquals(Set.of(ConsolePage.values()), offered(Role.ADMIN));
    }
}

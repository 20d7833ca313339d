package dk.bostotte.fleet.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** After signing in, back to the console page the person was on, and never to another site. */
class SignInReturnTest {

    @Test
    void aLocalPathIsWhereThePersonGoesBack() {
        assertEquals(Optional.of("/users"), SignInReturn.next("/users"));
        assertEquals(Optional.of("/devices/K7M3-Q9PX?lang=en"), SignInReturn.next("/devices/K7M3-Q9PX?lang=en"));
        assertEquals(Optional.of("/alerts?state=open&kind=offline"), SignInReturn.next("/alerts?state=open&kind=offline"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {null, "", "users", "//evil.example/", "///evil.example", "https://evil.example/",
                "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "/ evil", "/x\r\nSet-Cookie: a=b",
                "/login", "/login?next=/login", "/logout", "http:/evil.example", "/%zz"}) {
            assertTrue(SignInReturn.next(bad).isEmpty(), "refused: " + bad);
        }
        assertTrue(SignInReturn.next("/" + "a".repeat(3000)).isEmpty(), "too long");
    }

    @Test
    void theSignInPageCarriesTheWayBackAndTheLanguage() {
        assertEquals("/login?next=%2Fusers&expired=1", SignInReturn.loginUrl("/users", true));
        assertEquals("/login?next=%2Freport%3Flang%3Den&lang=en", SignInReturn.loginUrl("/report?lang=en", false));
        assertEquals("/login", SignInReturn.loginUrl("/", false));
        assertEquals("/login?expired=1", SignInReturn.loginUrl("//evil.example", true));
    }
}

package dk.bostotte.fleet.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashIsArgon2idInPhcFormatAndVerifiesOnlyTheRightPassword() {
        String hash = hasher.hash("correct horse".toCharArray());
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(hasher.verify("correct horse".toCharArray(), hash));
        assertFalse(hasher.verify("correct horse ".toCharArray(), hash));
        assertFalse(hasher.verify("".toCharArray(), hash));
    }

    @Test
    void samePasswordGetsADifferentSaltEachTime() {
        assertNotEquals(hasher.hash("x".toCharArray()), hasher.hash("x".toCharArray()));
    }

    @Test
    void garbageHashesNeverVerifyNorThrow() {
        for (String bad : new String[] {null, "", "plain", "$argon2id$v=19$m=x$a$b", "$argon2i$v=19$m=8,t=1,p=1$AAAA$AAAA",
                "$argon2id$v=19$m=8,t=1,p=1$!!!$AAAA", "$argon2id$v=19$q=8,t=1,p=1$AAAA$AAAA"}) {
            assertFalse(hasher.verify("x".toCharArray(), bad), String.valueOf(bad));
        }
    }
}

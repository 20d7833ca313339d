package dk.bostotte.pki;

import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords for keystores that only machines ever type. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 24 URL-safe characters (144 random bits): safe in properties files, shells and URLs. */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

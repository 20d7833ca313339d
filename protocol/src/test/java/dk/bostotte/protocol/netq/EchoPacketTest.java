package dk.bostotte.protocol.netq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dk.bostotte.protocol.Samples;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EchoPacketTest {

    @Test
    void roundTripsAtEverySize() {
        for (int size : new int[] {EchoPacket.HEADER, 200, EchoPacket.MAX_SIZE}) {
            EchoPacket p = new EchoPacket(Samples.DEVICE, 17, 123_456_789_012L, size);
            byte[] bytes = p.encode();
            assertEquals(size, bytes.length);
            assertEquals(Optional.of(p), EchoPacket.parse(bytes, bytes.length));
        }
        assertThrows(IllegalArgumentException.class, () -> new EchoPacket(Samples.DEVICE, 1, 1, EchoPacket.MAX_SIZE + 1));
    }

    @Test
    void anythingElseIsNotAPacketAndNothingThrows() {
        byte[] good = new EchoPacket(Samples.DEVICE, 1, 2, 64).encode();
        assertTrue(EchoPacket.parse(good, EchoPacket.HEADER - 1).isEmpty(), "too short");
        assertTrue(EchoPacket.parse(good, good.length + 1).isEmpty(), "length beyond the buffer");
        assertTrue(EchoPacket.parse(null, 0).isEmpty());
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertTrue(EchoPacket.parse(badMagic, badMagic.length).isEmpty());
        byte[] badCheck = good.clone();
        badCheck[4 + 8] = (byte) (badCheck[4 + 8] == 'A' ? 'B' : 'A'); // the id's check symbol no longer fits
        assertTrue(EchoPacket.parse(badCheck, badCheck.length).isEmpty());
        byte[] lower = good.clone();
        lower[4] = (byte) Character.toLowerCase(lower[4]);
        if (lower[4] != good[4]) {
            assertTrue(EchoPacket.parse(lower, lower.length).isEmpty(), "only the canonical id");
        }
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(1300)];
            random.nextBytes(junk);
            EchoPacket.parse(junk, junk.length);
        }
    }
}

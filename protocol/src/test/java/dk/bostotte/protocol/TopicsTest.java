package dk.bostotte.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class TopicsTest {

    static final DeviceId DEVICE = Samples.DEVICE;
    static final DeviceId OTHER = DeviceIdTest.withCheckSymbol("0000000");
    static final String ID = DEVICE.value();
    static final String ROOT = "bostotte/v1/devices";

    static List<DeviceId> someDevices() {
        Random random = new Random(3);
        List<DeviceId> ids = new ArrayList<>(List.of(DEVICE, OTHER));
        for (int i = 0; i < 30; i++) {
            ids.add(DeviceIdTest.seeded(random));
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void ofAndParseRoundTrip(Channel channel) {
        for (DeviceId id : someDevices()) {
            String topic = Topics.of(id, channel);
            assertEquals(ROOT + "/" + id.value() + "/" + channel.suffix(), topic);
            assertEquals(Optional.of(new Topics.DeviceTopic(id, channel)), Topics.parse(topic));
        }
    }

    @Test
    void topicExamples() {
        assertEquals(ROOT, Topics.ROOT);
        assertEquals("bostotte/v1/devices/K7M3-Q9PH/cmd/result", Topics.of(DEVICE, Channel.COMMAND_RESULT));
        assertEquals("bostotte/v1/devices/K7M3-Q9PH/config/reported", Topics.of(DEVICE, Channel.CONFIG_REPORTED));
        assertEquals("bostotte/v1/devices/+/telemetry", Topics.allDevices(Channel.TELEMETRY));
    }

    @Test
    void suffixesAreDistinctAndLookedUpExactly() {
        Set<String> suffixes = Arrays.stream(Channel.values()).map(Channel::suffix).collect(Collectors.toSet());
        assertEquals(Channel.values().length, suffixes.size());
        for (Channel c : Channel.values()) {
            assertEquals(Optional.of(c), Channel.bySuffix(c.suffix()));
            assertFalse(c.suffix().contains("+") || c.suffix().contains("#") || c.suffix().startsWith("/")
                    || c.suffix().endsWith("/"), c.suffix());
        }
        assertEquals(Optional.empty(), Channel.bySuffix("CMD"));
        assertEquals(Optional.empty(), Channel.bySuffix("cmd/"));
    }

    static Stream<String> notDeviceTopics() {
        return Stream.of(
                // foreign roots
                "bostotte", ROOT, ROOT + "/", "bostotte/v2/devices/" + ID + "/state", "bostotte/v1/device/" + ID + "/state",
                "Bostotte/v1/devices/" + ID + "/state", "/" + ROOT + "/" + ID + "/state", "x/" + ROOT + "/" + ID + "/state",
                ROOT + ID + "/state", "$SYS/broker/clients", "other/" + ID + "/state",
                // bad ids
                ROOT + "/" + ID, ROOT + "/" + ID + "/", ROOT + "//state", ROOT + "/" + ID.toLowerCase() + "/state",
                ROOT + "/" + ID.replace("-", "") + "/state", ROOT + "/" + ID.substring(0, 8) + "J/state",
                ROOT + "/K7M3-Q9P/state", ROOT + "/ " + ID + "/state",
                // unknown suffixes
                ROOT + "/" + ID + "/reboot", ROOT + "/" + ID + "/State", ROOT + "/" + ID + "/cmd/",
                ROOT + "/" + ID + "/cmd/results", ROOT + "/" + ID + "/config/desired", ROOT + "/" + ID + "/call/offer",
                ROOT + "/" + ID + "/state ", ROOT + "/" + ID + "//state", ROOT + "/" + ID + "/result",
                // extra levels
                ROOT + "/" + ID + "/state/", ROOT + "/" + ID + "/state/extra", ROOT + "/" + ID + "/cmd/result/x",
                ROOT + "/" + ID + "/telemetry/1", ROOT + "/" + ID + "/" + ID + "/state",
                // wildcards
                "#", "+", ROOT + "/#", ROOT + "/+/state", ROOT + "/+/+", ROOT + "/" + ID + "/#", ROOT + "/" + ID + "/+",
                ROOT + "/" + ID + "/cmd/+", ROOT + "/" + ID + "/cmd/#", "bostotte/+/devices/" + ID + "/state",
                "+/v1/devices/" + ID + "/state");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("notDeviceTopics")
    void parseRejectsWhatIsNotADeviceChannel(String topic) {
        assertEquals(Optional.empty(), Topics.parse(topic));
    }

    @Test
    void aDevicePublishesExactlyToItsOwnFromDeviceTopics() {
        for (DeviceId id : someDevices()) {
            List<String> topics = Topics.publishableBy(id);
            assertEquals(Set.of(Channel.STATE, Channel.STATUS, Channel.TELEMETRY, Channel.COMMAND_RESULT,
                    Channel.CONFIG_REPORTED, Channel.CALL_DEVICE), channels(topics, id));
            assertEquals(topics.size(), new HashSet<>(topics).size());
            for (String t : topics) {
                Topics.DeviceTopic parsed = Topics.parse(t).orElseThrow();
                assertEquals(id, parsed.device());
                assertEquals(Channel.Direction.FROM_DEVICE, parsed.channel().direction());
                assertFalse(t.contains("+") || t.contains("#"), t);
            }
        }
    }

    @Test
    void aDeviceSubscribesExactlyToItsOwnToDeviceTopics() {
        for (DeviceId id : someDevices()) {
            List<String> topics = Topics.subscribableBy(id);
            assertEquals(Set.of(Channel.COMMAND, Channel.CONFIG, Channel.CALL, Channel.KIOSK), channels(topics, id));
            for (String t : topics) {
                Topics.DeviceTopic parsed = Topics.parse(t).orElseThrow();
                assertEquals(id, parsed.device());
                assertEquals(Channel.Direction.TO_DEVICE, parsed.channel().direction());
                assertFalse(t.contains("+") || t.contains("#"), t);
                // Subscribing to cmd does not also deliver cmd/result (no wildcard).
                assertFalse(Topics.matches(t, Topics.of(id, Channel.COMMAND_RESULT)));
            }
        }
    }

    @Test
    void publishAndSubscribeRightsSplitEveryChannelAndNeverReachAnotherDevice() {
        Set<String> pub = new HashSet<>(Topics.publishableBy(DEVICE));
        Set<String> sub = new HashSet<>(Topics.subscribableBy(DEVICE));
        assertTrue(pub.stream().noneMatch(sub::contains));
        assertEquals(Channel.values().length, pub.size() + sub.size());
        for (Channel c : Channel.values()) {
            String other = Topics.of(OTHER, c);
            assertFalse(pub.contains(other) || sub.contains(other));
            assertTrue(pub.contains(Topics.of(DEVICE, c)) != sub.contains(Topics.of(DEVICE, c)), c.toString());
        }
    }

    private static Set<Channel> channels(List<String> topics, DeviceId id) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        for (String t : topics) {
            Topics.DeviceTopic parsed = Topics.parse(t).orElseThrow(() -> new AssertionError("unparseable " + t));
            assertEquals(id, parsed.device());
            channels.add(parsed.channel());
        }
        return channels;
    }

    @Test
    void operatorsMayReadStateStatusAndTelemetryOfEveryDeviceAndNothingElse() {
        List<String> filters = Topics.operatorReadable();
        assertEquals(Set.of(ROOT + "/+/state", ROOT + "/+/status", ROOT + "/+/telemetry"), new HashSet<>(filters));
        for (String filter : filters) {
            assertFalse(filter.contains("#"), filter);
            for (String level : filter.split("/", -1)) {
                assertTrue(!level.contains("+") || level.equals("+"), "'+' must fill a level: " + filter);
            }
        }
        Set<Channel> readable = EnumSet.of(Channel.STATE, Channel.STATUS, Channel.TELEMETRY);
        for (DeviceId id : someDevices()) {
            for (Channel c : Channel.values()) {
                String topic = Topics.of(id, c);
                boolean matched = filters.stream().anyMatch(f -> Topics.matches(f, topic));
                assertEquals(readable.contains(c), matched, topic);
            }
        }
        assertFalse(filters.stream().anyMatch(f -> Topics.matches(f, ROOT + "/" + ID + "/call/offer")));
        assertFalse(filters.stream().anyMatch(f -> Topics.matches(f, "$SYS/broker/clients")));
    }

    @Test
    void mqttMatcherSelfCheck() {
        assertTrue(Topics.matches("a/+/c", "a/b/c"));
        assertFalse(Topics.matches("a/+/c", "a/b/c/d"));
        assertTrue(Topics.matches("a/#", "a/b/c"));
        assertTrue(Topics.matches("a/#", "a"));
        assertFalse(Topics.matches("a/+", "a/b/c"));
        assertFalse(Topics.matches("a/b", "a/b/c"));
    }
}

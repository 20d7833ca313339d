package dk.bostotte.fleet.config;

import java.time.Duration;

/** {@code command.sweep.every.s}: how often queued commands are sent again and old ones expired. */
public record CommandConfig(Duration sweepEvery) {

    static CommandConfig load(Settings s) {
        return new CommandConfig(Duration.ofSeconds(s.getInt("command.sweep.every.s", 10, 1, 3600)));
    }
}

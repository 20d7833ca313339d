package dk.bostotte.fleet.config;

import java.net.URI;

/** {@code coverage.tiles.url}: where the console's coverage map takes its tiles from. */
public record ConsoleConfig(String mapTilesUrl) {

    static ConsoleConfig load(Settings s) {
        return new ConsoleConfig(s.get("coverage.tiles.url", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
    }

    /** Where the map tiles come from (scheme, host and port), for the console's content security policy. */
    public String mapTilesOrigin() {
        URI uri = URI.create(mapTilesUrl.replace("{", "%7B").replace("}", "%7D"));
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}

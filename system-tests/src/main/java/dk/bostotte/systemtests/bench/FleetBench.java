package dk.bostotte.systemtests.bench;

import dk.bostotte.protocol.DeviceId;
import dk.bostotte.systemtests.FleetTestEnvironment;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bostotte bench fleet}: the fleet list and the device page's API calls as IT support uses
 * them, against a fleet of N devices with 30 days of hourly telemetry, status, line verdicts, open
 * alerts and citizens, all generated in SQL. Times are the server's answer on loopback, p50 and p95
 * over repeated requests, with the cheapest call ({@code /api/devices/{id}}) as the baseline ratio.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, description = "Fleet list and device page server time.")
public final class FleetBench implements Callable<Integer> {

    @Option(names = "--devices", defaultValue = "1000,10000", split = ",", description = "Fleet sizes.")
    List<Integer> sizes;

    @Option(names = "--days", defaultValue = "30", description = "Days of hourly telemetry per device.")
    int days;

    @Option(names = "--requests", defaultValue = "40", description = "Measured requests per call (after 5 warm-up).")
    int requests;

    @Override
    public Integer call() throws Exception {
        double worstP95 = 0;
        String worstCall = "";
        List<String> summary = new ArrayList<>();
        try (FleetTestEnvironment env = FleetTestEnvironment.start(Map.of("verdict.snapshot.every.s", "86400",
                "alert.check.every.s", "86400"))) {
            int have = 0;
            for (int size : sizes) {
                long t0 = System.nanoTime();
                generate(env.db(), have, size, days);
                have = size;
                long t1 = System.nanoTime();
                env.server().verdictSnapshot().refresh();
                long t2 = System.nanoTime();
                System.out.printf(Locale.ROOT, "%,d devices: generated in %.1f s, verdict snapshot in %.1f s%n", size,
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9);
                String device = String.valueOf(env.db().fetchValue("SELECT id FROM device ORDER BY id LIMIT 1 OFFSET "
                        + (size / 2)));
                Map<String, String> calls = new LinkedHashMap<>();
                calls.put("baseline /api/devices/{id}", "/api/devices/" + device);
                calls.put("fleet first page", "/api/fleet?size=50");
                calls.put("fleet offline 24 h", "/api/fleet?offlineHours=24&size=50");
                calls.put("fleet poor line", "/api/fleet?verdict=poor&size=50");
                calls.put("fleet outdated, by version", "/api/fleet?outdated=true&sort=version&dir=desc&size=50");
                calls.put("fleet page 100", "/api/fleet?size=50&page=" + Math.max(0, size / 50 - 1));
                calls.put("fleet search postcode", "/api/fleet?q=8" + String.format("%03d", size % 1000) + "&size=50");
                calls.put("device verdict", "/api/devices/" + device + "/verdict");
                calls.put("device telemetry 7 days", "/api/devices/" + device + "/telemetry?from="
                        + Instant.now().minus(Duration.ofDays(7)) + "&to=" + Instant.now());
                calls.put("device telemetry 30 days", "/api/devices/" + device + "/telemetry?from="
                        + Instant.now().minus(Duration.ofDays(30)) + "&to=" + Instant.now());
                calls.put("device commands", "/api/devices/" + device + "/commands");
                calls.put("device alerts", "/api/alerts?device=" + device);
                double baseline = 0;
                for (Map.Entry<String, String> c : calls.entrySet()) {
                    double[] p = time(env, c.getValue());
                    if (baseline == 0) {
                        baseline = p[0];
                    }
                    String line = String.format(Locale.ROOT, "%,7d devices  %-28s p50 %7.1f ms  p95 %7.1f ms  (%.1f× baseline p50)",
                            size, c.getKey(), p[0], p[1], p[0] / baseline);
                    System.out.println(line);
                    summary.add(line);
                    if (p[1] > worstP95 && !c.getKey().startsWith("baseline")) {
                        worstP95 = p[1];
                        worstCall = size + ":" + c.getKey().replace(' ', '_');
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "fleet sizes=%s days=%d worst_p95_ms=%.1f worst_call=%s target_p95_ms=300%n",
                sizes.toString().replace(" ", ""), days, worstP95, worstCall);
        return 0;
    }

    /** p50 and p95 in ms of GET {@code path} as support, after a warm-up. */
    private double[] time(FleetTestEnvironment env, String path) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < requests + 5; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = env.http().get(path, "support", FleetTestEnvironment.ADMIN_PASSWORD);
            double took = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            if (i >= 5) {
                ms.add(took);
            }
        }
        Collections.sort(ms);
        return new double[] {ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1)};
    }

    /**
     * Devices {@code from}..{@code to}-1 with status, a citizen (postcode 8000–8999) for most, hourly
     * telemetry over {@code days} (a tenth on a poor line), some offline for days, a few old versions
     * and an open alert on every twentieth.
     */
    static void generate(DSLContext db, int from, int to, int days) {
        // Device ids carry a check symbol: made here, then joined in by number.
        db.execute("CREATE TABLE IF NOT EXISTS bench_id (g int PRIMARY KEY, id text NOT NULL)");
        SecureRandom random = new SecureRandom();
        Integer[] numbers = new Integer[to - from];
        String[] ids = new String[to - from];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = from + i;
            String id;
            do {
                id = DeviceId.random(random).value();
            } while (!seen.add(id));
            ids[i] = id;
        }
        db.connection(c -> {
            try (var ps = c.prepareStatement("INSERT INTO bench_id SELECT * FROM unnest(?::int[], ?::text[]) ON CONFLICT DO NOTHING")) {
                ps.setArray(1, c.createArrayOf("int4", numbers));
                ps.setArray(2, c.createArrayOf("text", ids));
                ps.executeUpdate();
            }
        });
        db.execute("INSERT INTO device (id, model, serial, lifecycle, cert_fingerprint, online, last_seen, app_version) "
                + "SELECT bid, 'rpi4-kiosk', 'BENCH-' || g, "
                + "CASE WHEN g % 10 = 0 THEN 'enrolled' ELSE 'loaned' END, 'bench-fp-' || g, g % 7 <> 0, "
                + "now() - CASE WHEN g % 7 = 0 THEN interval '3 days' ELSE interval '1 minute' END, "
                + "CASE WHEN g % 13 = 0 THEN '0.9.2' ELSE '0.10.0' END FROM (SELECT g, id AS bid FROM bench_id WHERE g BETWEEN "
                + from + " AND " + (to - 1) + ") t");
        db.execute("INSERT INTO device_status (device_id, reported_at, app_version, uptime_s, cpu_temp_c, throttled, mem_total_mb, "
                + "mem_available_mb, disk_total_mb, disk_free_mb, camera, microphone, speaker, screen) "
                + "SELECT id, now(), app_version, 3600, 50, false, 2048, 1024, 29000, 20000, true, true, true, true "
                + "FROM device WHERE serial LIKE 'BENCH-%' AND substring(serial from 7)::int BETWEEN " + from + " AND " + (to - 1));
        db.execute("INSERT INTO citizen (display_name, postcode, device_id) SELECT 'Bench ' || serial, "
                + "(8000 + substring(serial from 7)::int % 1000)::text, id FROM device WHERE lifecycle = 'loaned' "
                + "AND serial LIKE 'BENCH-%' AND substring(serial from 7)::int BETWEEN " + from + " AND " + (to - 1));
        db.execute("INSERT INTO telemetry (device_id, seq, sampled_at, link, rtt_ms, jitter_ms, loss_pct, down_mbps, up_mbps) "
                + "SELECT d.id, h, now() - (h || ' hours')::interval, 'wifi', "
                + "CASE WHEN substring(d.serial from 7)::int % 10 = 3 THEN 180 ELSE 20 + h % 7 END, 3, "
                + "CASE WHEN substring(d.serial from 7)::int % 10 = 3 THEN 3 ELSE 0 END, "
                + "CASE WHEN h % 8 = 0 THEN (CASE WHEN substring(d.serial from 7)::int % 10 = 3 THEN 0.4 ELSE 30 END) END, "
                + "CASE WHEN h % 8 = 0 THEN (CASE WHEN substring(d.serial from 7)::int % 10 = 3 THEN 0.2 ELSE 10 END) END "
                + "FROM device d CROSS JOIN generate_series(0, " + (24 * days - 1) + ") h WHERE d.serial LIKE 'BENCH-%' "
                + "AND substring(d.serial from 7)::int BETWEEN " + from + " AND " + (to - 1));
        db.execute("INSERT INTO alert (device_id, kind, state, since, raised_at, detail) SELECT id, 'offline', 'open', "
                + "now() - interval '2 days', now() - interval '1 day', 'bench' FROM device WHERE serial LIKE 'BENCH-%' "
                + "AND substring(serial from 7)::int % 20 = 0 AND substring(serial from 7)::int BETWEEN " + from + " AND " + (to - 1));
        db.execute("ANALYZE");
    }
}

-- Network samples grew detail: the spread of the latency train, what the probes cost, why a due
-- probe did not run, and what the radio said (Wi-Fi bit rate; cellular technology, RSRP, RSRQ, SINR).
ALTER TABLE telemetry
    ADD COLUMN rtt_min_ms        real,
    ADD COLUMN rtt_p95_ms        real,
    ADD COLUMN bytes_used        bigint,
    ADD COLUMN skipped           text,
    ADD COLUMN wifi_bitrate_mbps real,
    ADD COLUMN cell_tech         text,
    ADD COLUMN rsrp_dbm          real,
    ADD COLUMN rsrq_db           real,
    ADD COLUMN sinr_db           real;

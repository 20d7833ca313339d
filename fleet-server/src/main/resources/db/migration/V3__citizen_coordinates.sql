-- Optional coordinates of a citizen's home, for the coverage map (IT support and admins only).
ALTER TABLE citizen
    ADD COLUMN latitude  double precision CONSTRAINT citizen_latitude_check CHECK (latitude BETWEEN -90 AND 90),
    ADD COLUMN longitude double precision CONSTRAINT citizen_longitude_check CHECK (longitude BETWEEN -180 AND 180);

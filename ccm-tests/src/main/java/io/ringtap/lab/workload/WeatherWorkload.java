package io.ringtap.lab.workload;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import java.util.ArrayList;
import java.util.List;

/**
 * The classic weather-station model ({@code weather.raw_data}, one partition per station, one row per hour)
 * with CDC on, and a small deterministic sample of writes for the README demo.
 */
public final class WeatherWorkload {
    public static final String KEYSPACE = "weather";
    public static final String TABLE = "raw_data";
    public static final List<String> STATIONS = List.of("725030:14732", "724940:23234");

    public static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS weather.raw_data ("
            + "wsid text, year int, month int, day int, hour int, temperature double, dewpoint double, pressure double, "
            + "wind_direction int, wind_speed double, sky_condition int, sky_condition_text text, one_hour_precip double, "
            + "six_hour_precip double, PRIMARY KEY ((wsid), year, month, day, hour)) WITH cdc = true";

    private static final String INSERT = "INSERT INTO weather.raw_data (wsid, year, month, day, hour, temperature, dewpoint, "
            + "pressure, wind_direction, wind_speed, sky_condition, sky_condition_text, one_hour_precip, six_hour_precip) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String[] SKY = {"clear", "few", "scattered", "broken", "overcast"};

    private WeatherWorkload() {}

    public static void createSchema(CqlSession session, Replication replication) {
        session.execute(replication.createKeyspace(KEYSPACE));
        session.execute(CREATE_TABLE);
    }

    /**
     * Writes {@code hours} hourly readings of 2026-11-23 for each of {@link #STATIONS}; the same call always
     * writes the same values (server-side timestamps). Returns the statements' descriptions.
     */
    public static List<String> writeSample(CqlSession session, int hours) {
        PreparedStatement insert = session.prepare(INSERT);
        List<String> written = new ArrayList<>();
        for (int s = 0; s < STATIONS.size(); s++) {
            for (int h = 0; h < hours; h++) {
                int i = s * 100 + h;
                double temperature = -5.6 + h * 0.5 + s;
                session.execute(insert.bind(STATIONS.get(s), 2026, 11, 23, h % 24, temperature, temperature - 2.0,
                        1013.2 + (i % 7) * 0.1, (i * 30) % 360, 3.0 + (i % 5), i % SKY.length, SKY[i % SKY.length],
                        (i % 3) * 0.25, (i % 4) * 0.5));
                written.add("raw_data " + STATIONS.get(s) + " 2026-11-23 hour " + (h % 24));
            }
        }
        return written;
    }
}

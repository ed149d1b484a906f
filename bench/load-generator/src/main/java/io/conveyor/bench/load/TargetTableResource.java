package io.conveyor.bench.load;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * The SQL scenario's target table in the sample target database: {@code POST /sql/table} makes it afresh,
 * {@code GET /sql/deliveries} counts its rows and gives each row's publish-to-delivery latency in microseconds
 * (delivery time: the timestamp of the SQL connector's transaction).
 */
@RequestScoped
@Path("/sql")
@Produces(MediaType.APPLICATION_JSON)
public class TargetTableResource {

    @Resource(lookup = "java:/conveyor/SampleTargetDS")
    DataSource target;

    @POST
    @Path("/table")
    public JsonObject recreate() throws SQLException {
        try (Connection connection = target.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_delivery");
            statement.execute("create table bench_delivery (body varchar(1000000) not null, "
                    + "delivered_at timestamp with time zone default current_timestamp not null)");
        }
        return Json.createObjectBuilder().add("table", "bench_delivery").build();
    }

    @GET
    @Path("/deliveries")
    public JsonObject deliveries() throws SQLException {
        JsonArrayBuilder latencies = Json.createArrayBuilder();
        long count = 0;
        try (Connection connection = target.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select substring(body, 1, 20), delivered_at from bench_delivery")) {
            while (rows.next()) {
                String stamp = rows.getString(1);
                long published = Long.parseLong(stamp.substring(0, stamp.indexOf('\n')));
                OffsetDateTime delivered = rows.getObject(2, OffsetDateTime.class);
                long deliveredMicros = delivered.toEpochSecond() * 1_000_000L + delivered.getNano() / 1_000;
                latencies.add(deliveredMicros - published);
                count++;
            }
        }
        return Json.createObjectBuilder().add("count", count).add("latenciesMicros", latencies).build();
    }
}

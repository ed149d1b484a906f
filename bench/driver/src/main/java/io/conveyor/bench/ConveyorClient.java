package io.conveyor.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The server as the harness drives it: Conveyor's REST API, and the in-server load generator beside it. */
final class ConveyorClient {

    /** How often completion is checked: the end of a run is known to within this (each check is a count query). */
    private static final Duration POLL = Duration.ofMillis(200);

    /**
     * HTTP/1.1: over HTTP/2 the server may end the shared connection with a GOAWAY, and Java 17's client then fails
     * every request still open on it, such as the soak's hour-long publication.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    /**
     * @param base          the server's base URL
     * @param authorization the {@code Authorization} header of a REST API user who administers and publishes
     */
    ConveyorClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    void createPort(JsonObject port) throws Exception {
        expect(send(request("/api/ports").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(port.toString()))), 201, "create port " + port.getString("name"));
    }

    void changeState(String port, String state) throws Exception {
        expect(send(request("/api/ports/" + port + "/state").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"" + state + "\"}"))), 200, "change state of " + port);
    }

    /** Work items of a port still to be delivered: queued or in process. */
    long backlog(String port) throws Exception {
        JsonObject ports = json(expect(send(request("/api/work-items/counts").GET()), 200, "count work items")).getJsonObject("ports");
        JsonObject states = ports.getJsonObject(port);
        if (states == null) {
            return 0;
        }
        return (states.containsKey("READY") ? states.getJsonNumber("READY").longValue() : 0)
                + (states.containsKey("IN_PROCESS") ? states.getJsonNumber("IN_PROCESS").longValue() : 0);
    }

    /**
     * Waits until the port has no work item left in any state but {@code except}; with {@code except} null, a
     * suspended message fails the wait at once (a run must deliver everything).
     */
    void awaitSettled(String port, String except, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject states = json(expect(send(request("/api/work-items/counts").GET()), 200, "count work items"))
                    .getJsonObject("ports").getJsonObject(port);
            if (states == null || (except != null && states.keySet().equals(java.util.Set.of(except)))) {
                return;
            }
            if (except == null && (states.containsKey("SUSPENDED") || states.containsKey("SUSPENDED_NON_RESUMABLE"))) {
                throw new IllegalStateException("port " + port + " has suspended messages (see the server log): " + states);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port " + port + " still has work items after " + timeout + ": " + states);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Publishes one message over REST; returns the HTTP status. */
    int publish(String kind, byte[] body) throws Exception {
        return send(request("/api/messages").header("Content-Type", "text/plain")
                .header("Conveyor-Properties", "{\"Kind\":\"" + kind + "\"}")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))).statusCode();
    }

    /** Starts an in-server publication (see the load generator); its result arrives when every message is published. */
    CompletableFuture<JsonObject> publishInServer(String kind, long count, int size, int batch, double rate, int threads) {
        String query = "kind=" + kind + "&count=" + count + "&size=" + size + "&batch=" + batch + "&rate=" + rate + "&threads=" + threads;
        return http.sendAsync(request("/conveyor-bench-load/publish?" + query).timeout(Duration.ofHours(2))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> checked(json(expect(response, 200, "in-server publication")), "in-server publication"));
    }

    JsonObject publishLargeInServer(String kind, long size) throws Exception {
        return checked(json(expect(send(request("/conveyor-bench-load/publish-large?kind=" + kind + "&size=" + size)
                .timeout(Duration.ofHours(1)).POST(HttpRequest.BodyPublishers.noBody())), 200, "large publication")),
                "large publication");
    }

    void recreateTargetTable() throws Exception {
        expect(send(request("/conveyor-bench-load/sql/table").POST(HttpRequest.BodyPublishers.noBody())), 200, "create the target table");
    }

    JsonObject targetDeliveries() throws Exception {
        return json(expect(send(request("/conveyor-bench-load/sql/deliveries").GET()), 200, "read the target table"));
    }

    /** Resumes, or terminates, every suspended work item of a port, a thousand per call; returns how many. */
    long controlAllSuspended(String port, String action) throws Exception {
        long done = 0;
        while (true) {
            JsonArray items = Json.createReader(new StringReader(expect(send(request("/api/suspended?limit=1000&port=" + port).GET()),
                    200, "query the suspended queue"))).readArray();
            if (items.isEmpty()) {
                return done;
            }
            var ids = Json.createArrayBuilder();
            for (JsonValue item : items) {
                ids.add(item.asJsonObject().getString("id"));
            }
            expect(send(request("/api/suspended/" + action).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("ids", ids).build().toString()))),
                    200, action + " suspended work items");
            done += items.size();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2)).header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static JsonObject checked(JsonObject result, String what) {
        if (result.containsKey("error")) {
            throw new IllegalStateException(what + " failed after " + result.getJsonNumber("published") + " messages: "
                    + result.getString("error"));
        }
        return result;
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}

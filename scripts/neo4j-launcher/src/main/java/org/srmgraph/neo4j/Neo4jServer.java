package org.srmgraph.neo4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A Neo4j database served over Bolt on 127.0.0.1 until SIGTERM.
 *
 * <pre>
 * NEO4J_PASSWORD=... java -cp ... org.srmgraph.neo4j.Neo4jServer --data DIR --port 7687 \
 *     [--page-cache 2g] [--conf neo4j.conf]
 * </pre>
 *
 * Authentication is on: user {@code neo4j}, password {@code NEO4J_PASSWORD} (set at every
 * start, so a restart with another password takes it). Data lives under DIR and is kept
 * across restarts. Prints a line with {@code ready} once Bolt accepts connections.
 */
public final class Neo4jServer {
    private static final String USER = "neo4j";
    private static final int MIN_PASSWORD = 8;

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                fail("option " + args[i] + " needs a value");
            }
            options.put(args[i], args[i + 1]);
        }
        String data = require(options, "--data");
        int port = Integer.parseInt(require(options, "--port"));
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < MIN_PASSWORD) {
            fail("set NEO4J_PASSWORD to the password of user neo4j (at least "
                    + MIN_PASSWORD + " characters, Neo4j's minimum)");
        }
        long pageCache = SettingValueParsers.BYTES.parse(options.getOrDefault("--page-cache", "2g"));

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(Path.of(data));
        if (options.containsKey("--conf")) {
            builder.loadPropertiesFromFile(Path.of(options.get("--conf")));
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // On SIGTERM, give open Bolt connections and workers a second, not ten.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            System.out.println("neo4j-server: stopped");
            stopped.countDown();
        }));
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        setPassword(system, password);
        String version = system.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS version",
                Map.of(), result -> (String) result.next().get("version"));
        waitForBolt(port);
        System.out.println("neo4j-server: ready: Neo4j " + version + " on bolt://127.0.0.1:" + port
                + ", data in " + Path.of(data).toAbsolutePath());
        stopped.await();
    }

    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static void waitForBolt(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("Bolt does not accept connections on 127.0.0.1:" + port);
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            fail("missing " + name);
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("neo4j-server: " + message);
        System.exit(2);
    }
}

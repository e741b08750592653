package io.osmosi.launcher;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs Neo4j Community embedded, with a Bolt connector on localhost only.
 *
 * <p>Usage: {@code java -cp ... io.osmosi.launcher.Launcher HOME_DIR [PORT] [PAGECACHE_MB]}.
 * Prints {@code OSMOSI-NEO4J-READY <port>} once the default database answers, and shuts the
 * database down cleanly on SIGTERM/SIGINT.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: Launcher HOME_DIR [PORT] [PAGECACHE_MB]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 7687;
        long pageCacheMb = args.length > 2 ? Long.parseLong(args[2]) : 512;

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                // Bound to loopback for development and tests only; production uses the
                // official image with authentication (see docker-compose.yml).
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
                // Development and test databases are disposable: keep 1 GB of transaction
                // logs, not two days of them (the default; benchmark loads left 39 GB).
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1G size")
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        System.out.println("OSMOSI-NEO4J-READY " + port);
        System.out.flush();
        stopped.await();
    }
}

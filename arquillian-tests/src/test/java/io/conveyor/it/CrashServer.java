package io.conveyor.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;

/** The server the crash tests start, kill and start again themselves (arquillian.xml: manual, port offset 200). */
final class CrashServer {

    /** Its Arquillian container. */
    static final String CONTAINER = "wildfly-crash";
    /** Its HTTP and management ports; both closed means its process is gone. */
    private static final int[] PORTS = {8280, 10190};

    private CrashServer() {
    }

    /**
     * Waits until the server has halted, and starts it again. The server may halt again while it boots (a delivery made
     * during deployment); a start that fails because of that is not an error, as long as the server is gone.
     */
    static void restartAfterHalt(ContainerController controller) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(CrashServer::gone);
        if (controller.isStarted(CONTAINER)) {
            controller.kill(CONTAINER);
        }
        try {
            controller.start(CONTAINER);
        } catch (Exception haltedWhileBooting) { // Arquillian throws its checked LifecycleException undeclared
            Awaitility.await("the server to be gone after a failed start").atMost(Duration.ofSeconds(60))
                    .until(CrashServer::gone);
        }
    }

    /** Leaves the server stopped and without the test's deployment, whatever state the test left it in. */
    static void cleanUp(ContainerController controller, Deployer deployer, String deployment) {
        if (!controller.isStarted(CONTAINER)) {
            controller.start(CONTAINER);
        }
        try {
            deployer.undeploy(deployment);
        } finally {
            controller.stop(CONTAINER);
        }
    }

    /** The halted server no longer listens: a restart will not find the old process still holding its ports. */
    static boolean gone() {
        for (int port : PORTS) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return false;
            } catch (IOException refused) {
                // this port is closed
            }
        }
        return true;
    }
}

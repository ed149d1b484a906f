package io.conveyor.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.as.arquillian.container.ManagementClient;

/**
 * The server the crash tests start, kill and start again themselves (arquillian.xml: manual). Its address is not
 * written down here: a test injects the container's {@link ManagementClient} with
 * {@code @ArquillianResource @TargetsContainer(CrashServer.CONTAINER)}, which WildFly's Arquillian container creates
 * when it reads arquillian.xml, so before the server first starts, and keeps across restarts.
 */
final class CrashServer {

    /** Its Arquillian container. */
    static final String CONTAINER = "wildfly-crash";

    private final ContainerController controller;
    private final Deployer deployer;
    private final ManagementClient management;
    private URI api;
    private String deployed;

    CrashServer(ContainerController controller, Deployer deployer, ManagementClient management) {
        this.controller = controller;
        this.deployer = deployer;
        this.management = management;
    }

    /**
     * Starts the server and deploys {@code deployment} to it; returns its REST API, at the address its HTTP listener
     * is bound to as its management model reports it.
     */
    URI startAndDeploy(String deployment) {
        controller.start(CONTAINER);
        api = management.getWebUri().resolve("/api/");
        deployer.deploy(deployment);
        deployed = deployment;
        return api;
    }

    /**
     * Waits until the server has halted, and starts it again. The server may halt again while it boots (a delivery made
     * during deployment); a start that fails because of that is not an error, as long as the server is gone.
     */
    void restartAfterHalt() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(this::gone);
        if (controller.isStarted(CONTAINER)) {
            controller.kill(CONTAINER);
        }
        try {
            controller.start(CONTAINER);
        } catch (Exception haltedWhileBooting) { // Arquillian throws its checked LifecycleException undeclared
            Awaitility.await("the server to be gone after a failed start").atMost(Duration.ofSeconds(60))
                    .until(this::gone);
        }
    }

    /**
     * Leaves the server stopped and without the test's deployment, whatever state the test left it in: a test's
     * {@code @AfterEach}. Undeploying needs the server up, so a halted or killed server is started again first.
     */
    void cleanUp() {
        if (deployed != null) {
            if (!controller.isStarted(CONTAINER)) {
                controller.start(CONTAINER);
            }
            String deployment = deployed;
            deployed = null;
            try {
                deployer.undeploy(deployment);
            } finally {
                controller.stop(CONTAINER);
            }
        } else if (controller.isStarted(CONTAINER)) {
            controller.stop(CONTAINER);
        }
    }

    /**
     * The halted server no longer listens on its HTTP port (the one its REST API was found at) nor on its management
     * port (arquillian.xml's): a restart will not find the old process still holding its ports.
     */
    private boolean gone() {
        for (InetSocketAddress address : new InetSocketAddress[] {new InetSocketAddress(api.getHost(), api.getPort()),
                new InetSocketAddress(management.getMgmtAddress(), management.getMgmtPort())}) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
                return false;
            } catch (IOException refused) {
                // this port is closed
            }
        }
        return true;
    }
}

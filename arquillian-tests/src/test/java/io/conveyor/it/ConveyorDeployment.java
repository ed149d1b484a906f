package io.conveyor.it;

import io.conveyor.it.probe.Probe;
import io.conveyor.it.probe.ProbeVariant;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.jboss.arquillian.container.test.api.Testable;
import org.awaitility.Awaitility;
import org.hamcrest.Matcher;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the EAR every in-container test deploys: the real {@code conveyor.ear} as the build made it, plus the probe
 * connectors (one RAR per {@link ProbeType}) and a WAR holding the tests. It is named {@code conveyor.ear}, so the
 * server's resource-adapter entry for {@code conveyor.ear#conveyor-file.rar} applies to it as in production.
 */
public final class ConveyorDeployment {

    /** The probe connectors of the test EAR. */
    public enum ProbeType {
        PROBE_SINGLE(ProbeVariant.SINGLE, false),
        PROBE_BATCH(ProbeVariant.BATCH, false),
        PROBE_BOTH(ProbeVariant.BOTH, false),
        PROBE_NOLOAD(ProbeVariant.NO_LOAD, false),
        PROBE_NOCONTROL(ProbeVariant.NO_CONTROL, false),
        PROBE_NEITHER(ProbeVariant.NEITHER, false),
        PROBE_EAGER(ProbeVariant.SINGLE, true),
        PROBE_LAZY(ProbeVariant.SINGLE, false),
        PROBE_STUCK(ProbeVariant.SINGLE, false, true),
        PROBE_TX(ProbeVariant.TRANSACTIONAL, false);

        final ProbeVariant variant;
        final boolean initOnStart;
        final boolean stuckOnTerminate;

        ProbeType(ProbeVariant variant, boolean initOnStart) {
            this(variant, initOnStart, false);
        }

        ProbeType(ProbeVariant variant, boolean initOnStart, boolean stuckOnTerminate) {
            this.variant = variant;
            this.initOnStart = initOnStart;
            this.stuckOnTerminate = stuckOnTerminate;
        }
    }

    private static final Pattern CONNECTOR_MODULE = Pattern.compile("<connector>([^<]+)</connector>");

    private ConveyorDeployment() {
    }

    /** The test EAR, with the given test class and the shared test support in the test WAR. */
    public static EnterpriseArchive ear(Class<?> testClass) {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("conveyor.ear")));
        List<String> connectors = connectorsOf(ear);
        ear.delete("META-INF/application.xml");
        ear.addAsLibrary(ShrinkWrap.create(JavaArchive.class, "conveyor-probe.jar").addPackage(Probe.class.getPackage()));
        for (ProbeType type : ProbeType.values()) {
            String name = "conveyor-" + type.name().toLowerCase().replace('_', '-') + ".rar";
            ear.addAsModule(ShrinkWrap.create(ResourceAdapterArchive.class, name)
                    .addAsManifestResource("probe/ra.xml", "ra.xml")
                    .addAsManifestResource(new StringAsset(ironjacamar(type)), "ironjacamar.xml"));
            connectors.add(name);
        }
        WebArchive tests = ShrinkWrap.create(WebArchive.class, "conveyor-tests.war")
                .addClasses(testClass, ConveyorDeployment.class, InContainerSupport.class, BatchRecorder.class,
                        BatchRecorder.Completion.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsLibraries(jarOf(Assertions.class), jarOf(Awaitility.class), jarOf(Matcher.class));
        ear.addAsModule(Testable.archiveToTest(tests));
        ear.setApplicationXML(new StringAsset(applicationXml(connectors)));
        return ear;
    }

    /**
     * A probe connector deployed on its own, next to the test EAR rather than inside it: it sees the SPI, the kit and
     * the probe classes through a module dependency on the EAR, as a third-party connector would.
     */
    public static ResourceAdapterArchive standaloneProbe(String transportType) {
        return ShrinkWrap.create(ResourceAdapterArchive.class, transportType.toLowerCase().replace('_', '-') + ".rar")
                .addAsManifestResource("probe/ra.xml", "ra.xml")
                .addAsManifestResource(new StringAsset(ironjacamar(transportType, ProbeVariant.SINGLE, false, false)),
                        "ironjacamar.xml")
                .addAsManifestResource("probe/jboss-deployment-structure.xml", "jboss-deployment-structure.xml");
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The connector modules the built EAR declares, in its order (connectors are added to the EAR's pom only). */
    private static List<String> connectorsOf(EnterpriseArchive ear) {
        try (InputStream in = ear.get("META-INF/application.xml").getAsset().openStream()) {
            var connector = CONNECTOR_MODULE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<String> connectors = new ArrayList<>();
            while (connector.find()) {
                connectors.add(connector.group(1).trim());
            }
            return connectors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the EAR's application.xml", e);
        }
    }

    private static String applicationXml(List<String> connectors) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<application xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"10\">\n"
                + "  <display-name>conveyor (tests)</display-name>\n"
                + "  <initialize-in-order>true</initialize-in-order>\n");
        connectors.forEach(rar -> xml.append("  <module><connector>").append(rar).append("</connector></module>\n"));
        xml.append("  <module><ejb>conveyor-engine.jar</ejb></module>\n")
                .append("  <module><web><web-uri>conveyor-admin-console.war</web-uri><context-root>/</context-root></web></module>\n")
                .append("  <module><web><web-uri>conveyor-tests.war</web-uri><context-root>/conveyor-tests</context-root></web></module>\n")
                .append("  <library-directory>lib</library-directory>\n</application>\n");
        return xml.toString();
    }

    private static String ironjacamar(ProbeType type) {
        return ironjacamar(type.name(), type.variant, type.initOnStart, type.stuckOnTerminate);
    }

    /** {@code probe/ironjacamar.xml} with this probe's settings in its placeholders. */
    private static String ironjacamar(String transportType, ProbeVariant variant, boolean initOnStart, boolean stuckOnTerminate) {
        try (InputStream in = ConveyorDeployment.class.getResourceAsStream("/probe/ironjacamar.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${transportType}", transportType)
                    .replace("${variant}", variant.name())
                    .replace("${initOnStart}", Boolean.toString(initOnStart))
                    .replace("${stuckOnTerminate}", Boolean.toString(stuckOnTerminate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read probe/ironjacamar.xml", e);
        }
    }
}

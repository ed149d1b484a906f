package io.conveyor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.engine.adapters.TransmitMode;
import io.conveyor.engine.admin.AdapterAdministration;
import io.conveyor.engine.api.ValidationException;
import io.conveyor.engine.messagebox.EngineMessage;
import io.conveyor.engine.messagebox.WorkItem;
import io.conveyor.engine.messagebox.WorkItemState;
import io.conveyor.engine.ports.TransportSettings;
import io.conveyor.engine.routing.PublishReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The FILE connector deployed as in production, configured through WildFly's resource-adapters subsystem. The H2
 * suite runs it in its default NON_BLOCKING mode; the PostgreSQL suite starts the server with
 * {@code conveyor.file.mode=BLOCKING}, so both modes are exercised end to end.
 */
@Tag("messagebox")
@ExtendWith(ArquillianExtension.class)
class FileConnectorIT extends InContainerSupport {

    @Deployment
    static EnterpriseArchive deployment() {
        return ConveyorDeployment.ear(FileConnectorIT.class);
    }

    private Path directory() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("conveyor.file.allowedRoots"), run));
    }

    private void filePort(String name, String fileName, String copyMode, int retryCount) throws IOException {
        port(name, new TransportSettings("FILE", "file://" + directory() + "/" + fileName, Map.of("copyMode", copyMode),
                retryCount, 1), null);
    }

    @Test
    @DisplayName("the handler configuration is read from the resource-adapters subsystem; its mode picks the transmit path")
    void handlerConfigurationComesFromTheServer() throws IOException {
        filePort("config", "%MessageID%.txt", "CREATE_NEW", 0);
        PublishReceipt receipt = publish("config", "hello");
        eventually().until(() -> gone(receipt.messageId()));

        String mode = System.getProperty("conveyor.file.mode", "NON_BLOCKING");
        AdapterAdministration.AdapterView file = adapters.get("FILE");
        assertThat(file.handlerConfiguration()).containsEntry("allowedRoots", System.getProperty("conveyor.file.allowedRoots"))
                .containsEntry("mode", mode).containsEntry("forceToDisk", Boolean.TRUE);
        assertThat(file.status().mode()).isEqualTo(mode.equals("BLOCKING") ? TransmitMode.SINGLE_MESSAGE : TransmitMode.BATCH);
    }

    @Test
    @DisplayName("every message becomes one complete file named by its address macros; nothing temporary is left")
    void writesEachMessageToItsFile() throws IOException {
        filePort("many", "%MessageID%.xml", "CREATE_NEW", 0);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            ids.add(publish("many", "<order n=\"" + i + "\"/>").messageId());
        }
        eventually().until(() -> ids.stream().allMatch(this::gone));

        for (int i = 0; i < ids.size(); i++) {
            assertThat(Files.readString(directory().resolve(ids.get(i) + ".xml"))).isEqualTo("<order n=\"" + i + "\"/>");
        }
        try (Stream<Path> files = Files.list(directory())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp")).hasSize(45);
        }
    }

    @Test
    @DisplayName("OVERWRITE replaces the file and APPEND appends to it")
    void overwriteAndAppend() throws IOException {
        filePort("overwrite", "latest.txt", "OVERWRITE", 0);
        filePort("append", "journal.txt", "APPEND", 0);
        for (String text : List.of("first", "second")) {
            String overwrite = publish("overwrite", text).messageId();
            eventually().until(() -> gone(overwrite));
            String append = publish("append", text + "\n").messageId();
            eventually().until(() -> gone(append));
        }

        assertThat(Files.readString(directory().resolve("latest.txt"))).isEqualTo("second");
        assertThat(Files.readString(directory().resolve("journal.txt"))).isEqualTo("first\nsecond\n");
    }

    @Test
    @DisplayName("CREATE_NEW onto an existing file fails the delivery: the message is suspended with the error, the file untouched")
    void createNewOntoExistingFileIsSuspended() throws IOException {
        Files.writeString(directory().resolve("taken.txt"), "original", StandardCharsets.UTF_8);
        filePort("taken", "taken.txt", "CREATE_NEW", 0);
        PublishReceipt receipt = publish("taken", "intruder");

        eventually().until(() -> queries.message(receipt.messageId()).map(m -> m.workItems().get(0).state())
                .orElse(null) == WorkItemState.SUSPENDED);
        WorkItem item = queries.message(receipt.messageId()).orElseThrow().workItems().get(0);
        assertThat(item.errorText()).contains("FileAlreadyExistsException");
        assertThat(item.errorAdapter()).isEqualTo("FILE");
        assertThat(Files.readString(directory().resolve("taken.txt"))).isEqualTo("original");
    }

    @Test
    @DisplayName("CREATE_NEW onto an existing file with the very same content counts as delivered: the same delivery made again after a crash")
    void createNewOntoIdenticalFileIsDelivered() throws IOException {
        filePort("again", "%MessageID%.txt", "CREATE_NEW", 0);
        EngineMessage message = message("again", "written before the crash", Map.of());
        Files.writeString(directory().resolve(message.messageId() + ".txt"), "written before the crash", StandardCharsets.UTF_8);
        PublishReceipt receipt = publisher.publish(message);

        eventually().until(() -> gone(receipt.messageId()));
        assertThat(Files.readString(directory().resolve(message.messageId() + ".txt"))).isEqualTo("written before the crash");
    }

    @Test
    @DisplayName("an address outside the allowed roots is refused when the port is saved, naming the field")
    void addressOutsideAllowedRootsIsRefused() {
        assertThatThrownBy(() -> port("escape", new TransportSettings("FILE", "file:///etc/%MessageID%.xml", Map.of(), 0, 1), null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("primaryTransport.address"));
        assertThatThrownBy(() -> ports.get(portName("escape"))).hasMessageContaining("no send port");
    }
}

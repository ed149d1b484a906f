package io.conveyor.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.adapter.BatchCallback;
import io.conveyor.adapter.CommitConfirm;
import io.conveyor.adapter.ContextProperty;
import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageContext;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.adapter.MessagePart;
import io.conveyor.adapter.MessagingShuttingDownException;
import io.conveyor.adapter.TransportBatch;
import io.conveyor.adapter.TransportProxy;
import jakarta.transaction.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kit's outcome reporting when the engine refuses a batch (contract §1.5, L16). */
class OutcomeBatchTest {

    @Test
    @DisplayName("L16 when the proxy batch's Done throws, no callback will come: the in-flight count is decremented all the same")
    void doneThrowingReleasesInFlight() {
        RefusingProxy proxy = new RefusingProxy();
        InFlightCounter inFlight = new InFlightCounter();
        inFlight.enter();
        inFlight.enter();

        new OutcomeBatch(proxy, inFlight, Clock.systemUTC())
                .delivered(new SimpleMessage("m1"))
                .failed(new SimpleMessage("m2"), new IllegalStateException("endpoint down"))
                .send();

        assertThat(inFlight.count()).isZero();
        assertThat(inFlight.terminate(Duration.ofMillis(1))).isTrue();
        assertThat(proxy.errors).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("2 message(s)"));
    }

    /** A proxy whose batches refuse Done as during shutdown. */
    private static final class RefusingProxy implements TransportProxy {
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public TransportBatch getBatch(BatchCallback callback, Object cookie) {
            return new TransportBatch() {
                @Override
                public void deleteMessage(Message message) {
                    // recorded by nothing: the batch is refused at done
                }

                @Override
                public void resubmit(Message message, Instant deliverAt) {
                    // refused at done
                }

                @Override
                public void moveToNextTransport(Message message) {
                    // refused at done
                }

                @Override
                public void moveToSuspendQ(Message message) {
                    // refused at done
                }

                @Override
                public void submitResponseMessage(Message solicit, Message response) {
                    // refused at done
                }

                @Override
                public void submitMessage(Message message) {
                    // refused at done
                }

                @Override
                public void done() {
                    throw new MessagingShuttingDownException("the engine is stopping");
                }

                @Override
                public CommitConfirm done(Transaction transaction) {
                    throw new MessagingShuttingDownException("the engine is stopping");
                }

                @Override
                public void clear() {
                    // nothing held
                }

                @Override
                public void close() {
                    // nothing held
                }
            };
        }

        @Override
        public MessageFactory messageFactory() {
            throw new UnsupportedOperationException("the kit needs no factory here");
        }

        @Override
        public void setErrorInfo(Throwable error) {
            errors.add(error);
        }
    }

    /** The smallest message the kit can work with: an identity and a context. */
    private record SimpleMessage(String messageId, SimpleContext context) implements Message {
        SimpleMessage(String messageId) {
            this(messageId, new SimpleContext());
        }

        @Override
        public MessagePart bodyPart() {
            return null;
        }

        @Override
        public String bodyPartName() {
            return null;
        }

        @Override
        public List<String> partNames() {
            return List.of();
        }

        @Override
        public MessagePart part(String name) {
            return null;
        }

        @Override
        public void addPart(String name, MessagePart part, boolean isBody) {
            throw new UnsupportedOperationException("no parts in this test");
        }

        @Override
        public OptionalLong size() {
            return OptionalLong.empty();
        }

        @Override
        public void setErrorInfo(Throwable error) {
            context.errors.add(error);
        }

        @Override
        public Throwable errorInfo() {
            return context.errors.isEmpty() ? null : context.errors.get(context.errors.size() - 1);
        }
    }

    private static final class SimpleContext implements MessageContext {
        final Map<String, ContextProperty> properties = new HashMap<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public Object read(String name, String namespace) {
            ContextProperty property = properties.get(namespace + "#" + name);
            return property == null ? null : property.value();
        }

        @Override
        public void write(String name, String namespace, Object value) {
            properties.put(namespace + "#" + name, new ContextProperty(name, namespace, value, false));
        }

        @Override
        public void promote(String name, String namespace, Object value) {
            properties.put(namespace + "#" + name, new ContextProperty(name, namespace, value, true));
        }

        @Override
        public boolean isPromoted(String name, String namespace) {
            ContextProperty property = properties.get(namespace + "#" + name);
            return property != null && property.promoted();
        }

        @Override
        public List<ContextProperty> properties() {
            return List.copyOf(properties.values());
        }
    }
}

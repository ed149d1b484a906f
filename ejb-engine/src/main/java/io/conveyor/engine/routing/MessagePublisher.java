package io.conveyor.engine.routing;

import io.conveyor.adapter.Message;
import io.conveyor.adapter.MessageFactory;
import io.conveyor.engine.messagebox.EngineMessageFactory;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The in-server publishing API, for applications deployed on the same WildFly: look it up at {@link #JNDI_NAME}
 * (the calling deployment needs a module dependency on {@code deployment.conveyor.ear.conveyor-engine.jar}), make
 * messages with {@link #messageFactory()}, and publish them one at a time or many in one transaction, which is the
 * cheapest way in: one commit for the whole list. Publishing joins the caller's transaction when there is one.
 * Refusals are {@link io.conveyor.engine.api.ValidationException} (naming the field, {@code messages[i].body} say)
 * and {@link NoSubscriptionException}; either rolls the call back, so nothing of it is stored.
 */
@Stateless
@LocalBean
public class MessagePublisher {

    /** Where other deployments on the server find this bean. */
    public static final String JNDI_NAME = "java:global/conveyor/conveyor-engine/MessagePublisher";

    private static final MessageFactory FACTORY = new EngineMessageFactory();

    @Inject
    PublishService publisher;

    /** The factory for messages this API accepts. */
    public MessageFactory messageFactory() {
        return FACTORY;
    }

    /** Publishes one message; see {@link PublishService#publish}. */
    public PublishReceipt publish(Message message) {
        return publisher.publish(message);
    }

    /** Publishes several messages in one transaction: all are stored, or (on any refusal) none. */
    public List<PublishReceipt> publishAll(List<? extends Message> messages) {
        return publisher.publishAll(messages);
    }
}

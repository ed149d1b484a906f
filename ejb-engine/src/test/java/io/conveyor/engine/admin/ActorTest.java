package io.conveyor.engine.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ActorTest {

    @Test
    @DisplayName("a principal's name is the actor; no principal, or a blank name, is anonymous")
    void names() {
        Principal alice = () -> " alice ";
        assertThat(Actor.of(alice).name()).isEqualTo("alice");
        assertThat(Actor.of(null)).isEqualTo(Actor.ANONYMOUS);
        assertThat(new Actor(null).name()).isEqualTo("anonymous");
        assertThat(new Actor("  ").name()).isEqualTo("anonymous");
    }
}

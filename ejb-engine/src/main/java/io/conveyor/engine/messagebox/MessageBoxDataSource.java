package io.conveyor.engine.messagebox;

/** Where the MessageBox XA datasource is bound (configured by {@code server/src/main/cli/messagebox.cli}). */
public final class MessageBoxDataSource {

    public static final String JNDI_NAME = "java:/conveyor/MessageBoxDS";

    private MessageBoxDataSource() {
    }
}

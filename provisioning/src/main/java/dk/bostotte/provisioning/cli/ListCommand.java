package dk.bostotte.provisioning.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists the fleet inventory as a table. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List enrolled devices.")
public final class ListCommand extends ProvisioningCommand {

    static final List<String> COLUMNS = List.of("id", "model", "serial", "online", "lastSeen", "revoked");

    @Mixin
    ServerOptions server;

    @Override
    int run() {
        List<Map<String, Object>> devices = server.client().list();
        if (devices.isEmpty()) {
            out().println("No devices enrolled.");
            return 0;
        }
        out().print(Table.render(COLUMNS, devices));
        out().flush(); // print() is not flushed by autoflush, and nothing flushes at exit
        return 0;
    }
}

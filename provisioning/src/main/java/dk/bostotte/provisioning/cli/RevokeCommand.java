package dk.bostotte.provisioning.cli;

import dk.bostotte.protocol.DeviceId;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Revokes a device in the fleet inventory; the server then refuses its certificate. */
@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a device so the fleet server refuses it.")
public final class RevokeCommand extends ProvisioningCommand {

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "ID", description = "Device id, e.g. K7M3-Q9PX (as read from the label).")
    String id;

    @Override
    int run() {
        DeviceId device = DeviceId.parse(id)
                .orElseThrow(() -> new IllegalArgumentException("not a device id: '" + id + "' (expected e.g. K7M3-Q9PX)"));
        Map<String, Object> result = server.client().revoke(device);
        out().println("Revoked " + device + (result.isEmpty() ? "" : ": " + result));
        return 0;
    }
}

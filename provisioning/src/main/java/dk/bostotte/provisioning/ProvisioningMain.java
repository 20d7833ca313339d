package dk.bostotte.provisioning;

import dk.bostotte.provisioning.cli.EnrollCommand;
import dk.bostotte.provisioning.cli.InitCaCommand;
import dk.bostotte.provisioning.cli.ListCommand;
import dk.bostotte.provisioning.cli.OperatorCommand;
import dk.bostotte.provisioning.cli.RevokeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code provision} tool: the fleet CA, device enrolment and revocation. */
@Command(name = "provision", mixinStandardHelpOptions = true, versionProvider = ProvisioningMain.Version.class,
        subcommands = {InitCaCommand.class, EnrollCommand.class, RevokeCommand.class, ListCommand.class,
            OperatorCommand.class, CommandLine.HelpCommand.class},
        description = "Bostøtte Online fleet provisioning: CA, device enrolment, revocation.")
public final class ProvisioningMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public ProvisioningMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProvisioningMain()).setParameterExceptionHandler(ProvisioningMain::invalidOption)
                .execute(args));
    }

    /** A mistyped command line is one line naming the mistake, not the whole usage text. */
    private static int invalidOption(CommandLine.ParameterException e, String[] args) {
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        System.err.println(spec.qualifiedName() + ": " + e.getMessage() + " (see " + spec.qualifiedName() + " --help)");
        return spec.exitCodeOnInvalidInput();
    }

    /** Without a subcommand, show usage and fail so scripts notice the mistake. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ProvisioningMain.class.getPackage().getImplementationVersion();
            return new String[] {"provision " + (version == null ? "dev" : version)};
        }
    }
}

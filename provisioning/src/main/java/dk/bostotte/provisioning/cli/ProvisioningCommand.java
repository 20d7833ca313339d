package dk.bostotte.provisioning.cli;

import dk.bostotte.pki.PkiException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the subcommands: expected failures (server refused, bad input, missing files) become one
 * clear line on stderr and exit code 1, rather than a stack trace.
 */
abstract class ProvisioningCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (FleetInventoryException | IllegalArgumentException | IllegalStateException
                | UncheckedIOException | PkiException e) {
            err().println("provision " + spec.name() + ": " + e.getMessage());
            err().flush();
            return 1;
        }
    }

    abstract int run();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

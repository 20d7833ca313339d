package dk.bostotte.device;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the device depends, however indirectly, on a package that depends on it, so
 * each can be read, tested and changed from the bottom up. Every package is a slice of its own,
 * the root package too.
 */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dk.bostotte.device");
        slices().matching("dk.bostotte.(**)").should().beFreeOfCycles().check(classes);
    }
}

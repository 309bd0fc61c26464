package io.parley.local.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.parley.model.access.Caller;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What keeps the two services from growing their own copies of the same plumbing again: they never import each
 * other, neither defines a class the other defines too (by simple name), and neither defines what service-support
 * holds. Packages depend on each other without cycles in query-service and service-support; command-service is left
 * out until its write path no longer ties {@code http} and {@code access} together (add it then).
 */
class ServicesArchitectureTest {

    private static final String COMMAND = "io.parley.command";
    private static final String QUERY = "io.parley.query";
    private static final String SUPPORT = "io.parley.support";
    private static final Set<String> APPLICATIONS = Set.of("CommandServiceApplication", "QueryServiceApplication");

    /**
     * Simple names both services still define, each a concept written twice that is yet to move to service-support
     * (none left). The list may only shrink: a name that leaves it must leave it here too.
     */
    private static final Set<String> NOT_YET_SHARED = Set.of();

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(COMMAND, QUERY, SUPPORT);
    }

    @Test
    void theServicesNeverImportEachOther() {
        noClasses().that().resideInAPackage(COMMAND + "..").should().dependOnClassesThat().resideInAPackage(QUERY + "..")
                .check(classes);
        noClasses().that().resideInAPackage(QUERY + "..").should().dependOnClassesThat().resideInAPackage(COMMAND + "..")
                .check(classes);
    }

    @Test
    void supportDependsOnNeitherService() {
        noClasses().that().resideInAPackage(SUPPORT + "..").should().dependOnClassesThat()
                .resideInAnyPackage(COMMAND + "..", QUERY + "..").check(classes);
    }

    @Test
    void noConceptIsWrittenTwice() {
        Set<String> both = new TreeSet<>(simpleNames(COMMAND));
        both.retainAll(simpleNames(QUERY));
        both.removeAll(APPLICATIONS);

        assertThat(both).as("classes both services define (move them to service-support)")
                .containsExactlyInAnyOrderElementsOf(NOT_YET_SHARED);
    }

    @Test
    void neitherServiceDefinesWhatSupportHolds() {
        Set<String> support = simpleNames(SUPPORT);
        for (String service : new String[]{COMMAND, QUERY}) {
            Set<String> again = new TreeSet<>(simpleNames(service));
            again.retainAll(support);
            assertThat(again).as("classes of %s that service-support already holds", service).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {COMMAND, QUERY, SUPPORT})
    void noModuleHasPackageCycles(String root) {
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Who may write is the rules' to decide (DealState.decide): the command service only authenticates and routes. */
    @Test
    void theCommandServiceLeavesWhoMayWriteToTheRules() {
        noClasses().that().resideInAPackage(COMMAND + "..").should()
                .callMethod(Caller.class, "isFacilitator").orShould().callMethod(Caller.class, "plays", String.class)
                .orShould().callMethod(Caller.class, "role").check(classes);
    }

    private static Set<String> simpleNames(String root) {
        return classes.stream()
                .filter(c -> c.getPackageName().equals(root) || c.getPackageName().startsWith(root + "."))
                .filter(c -> c.isTopLevelClass())
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}

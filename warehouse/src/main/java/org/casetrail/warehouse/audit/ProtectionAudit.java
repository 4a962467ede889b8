package org.casetrail.warehouse.audit;

import java.util.List;
import java.util.function.Supplier;
import org.casetrail.schemas.perturbation.PerturbationTable;
import org.casetrail.schemas.release.DisclosureSettings;

/**
 * What the audit checks for one protection method, on the rows a release holds (published beside
 * exact). Each method's audit is written apart from the code that protects, so one mistake cannot
 * hide in both; {@link #of} is the one place a release's method picks its audit.
 */
public interface ProtectionAudit {

    /**
     * @param cells the release's rows, published and true
     * @param previousPublic the rows of the current public release, read only by a method whose
     *     rules hold across releases; empty when it no longer has its exact copy
     * @return the rules broken, each naming a row by its key, never by its counts
     */
    List<String> check(List<AuditedCell> cells, Supplier<List<AuditedCell>> previousPublic);

    static ProtectionAudit of(DisclosureSettings disclosure) {
        return switch (disclosure.protection()) {
            case PERTURBATION ->
                new PerturbationAudit(disclosure.k(), PerturbationTable.load(disclosure.ptableVersion()));
            case SUPPRESSION -> new DisclosureAudit(disclosure.k());
        };
    }
}

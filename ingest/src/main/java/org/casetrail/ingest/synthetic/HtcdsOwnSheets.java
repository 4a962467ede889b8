package org.casetrail.ingest.synthetic;

import java.util.List;
import java.util.Map;

/**
 * The two sheets an organisation keeping the HTCDS v2 template adds beside its case sheet, for what
 * the standard does not record: "Services" (shelter, care, training, work, reintegration) and
 * "Follow-ups". Their columns, and their labels for casetrail's codes, as mappings/htcds-v2-excel.yaml
 * reads them (docs/sources.md, "Services and follow-ups beside the case sheet").
 */
final class HtcdsOwnSheets {

    static final List<String> SERVICE_COLUMNS =
            List.of("First Name", "Second Name", "Birthdate", "Date", "Service", "Centre", "Detail");
    static final List<String> FOLLOW_UP_COLUMNS =
            List.of("First Name", "Second Name", "Birthdate", "Date", "Status", "Livelihood", "Income");

    /** The Services sheet's labels of the event types it holds. */
    static final Map<String, String> SERVICES = Map.ofEntries(
            Map.entry("SHELTER_ADMITTED", "Shelter admission"),
            Map.entry("SHELTER_EXITED", "Shelter exit"),
            Map.entry("MEDICAL_CARE", "Medical care"),
            Map.entry("COUNSELLING_SESSION", "Counselling"),
            Map.entry("EDUCATION_ASSESSED", "Education assessment"),
            Map.entry("TRAINING_ENROLLED", "Training enrolment"),
            Map.entry("TRAINING_COMPLETED", "Training completed"),
            Map.entry("TRAINING_DROPPED", "Training dropped"),
            Map.entry("CERTIFICATION_EARNED", "Certificate"),
            Map.entry("EMPLOYMENT_STARTED", "Job"),
            Map.entry("BUSINESS_STARTED", "Own business"),
            Map.entry("REINTEGRATED", "Reintegration"));

    /** The Detail column's labels, by the detail a service's type has, then by code. */
    static final Map<String, Map<String, String>> DETAILS = Map.of(
            "kind",
            Map.of(
                    "GENERAL", "General",
                    "SEXUAL_AND_REPRODUCTIVE", "Sexual and reproductive health",
                    "MENTAL_HEALTH", "Mental health",
                    "INDIVIDUAL", "Individual",
                    "GROUP", "Group",
                    "FAMILY", "Family"),
            "course",
            Map.of(
                    "KHMER_LITERACY", "Khmer literacy",
                    "ENGLISH", "English",
                    "COMPUTER", "Computer",
                    "SEWING", "Sewing",
                    "HAIRDRESSING", "Hairdressing",
                    "WEAVING", "Weaving",
                    "JEWELRY", "Jewellery"),
            "certification",
            Map.of(
                    "VOCATIONAL", "Vocational certificate",
                    "LANGUAGE", "Language certificate",
                    "COMPUTER", "Computer certificate"),
            "sector",
            Map.of(
                    "GARMENT", "Garment factory",
                    "TAILORING", "Tailoring",
                    "BEAUTY", "Beauty salon",
                    "HOSPITALITY", "Hospitality",
                    "RETAIL", "Retail",
                    "AGRICULTURE", "Agriculture",
                    "HANDICRAFT", "Handicraft",
                    "NGO", "NGO"),
            "setting",
            Map.of(
                    "FAMILY",
                    "With family",
                    "INDEPENDENT",
                    "Independent living",
                    "COMMUNITY_HOUSING",
                    "Community housing"),
            "exit_reason",
            Map.of(
                    "REINTEGRATED", "Reintegrated",
                    "TRANSFERRED", "Transferred",
                    "LEFT_VOLUNTARILY", "Left voluntarily",
                    "OTHER", "Other"));

    static final Map<String, String> CENTRES = Map.of(
            "TOM_DY", "Tom Dy",
            "SIEM_REAP", "Siem Reap",
            "KAMPONG_CHAM", "Kampong Cham",
            "BATTAMBANG", "Battambang",
            "KAMPOT", "Kampot");

    static final Map<String, String> FOLLOW_UP_LABELS = Map.ofEntries(
            Map.entry("STABLE", "Stable"),
            Map.entry("AT_RISK", "At risk"),
            Map.entry("RE_TRAFFICKED", "Re-trafficked"),
            Map.entry("LOST_CONTACT", "Lost contact"),
            Map.entry("EMPLOYED", "Employed"),
            Map.entry("SELF_EMPLOYED", "Own business"),
            Map.entry("STUDYING", "Studying"),
            Map.entry("NONE", "None"),
            Map.entry("BELOW_MINIMUM_WAGE", "Below minimum wage"),
            Map.entry("AT_OR_ABOVE_MINIMUM_WAGE", "At or above minimum wage"));

    private HtcdsOwnSheets() {}
}

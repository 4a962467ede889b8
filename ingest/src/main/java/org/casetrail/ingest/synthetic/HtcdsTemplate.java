package org.casetrail.ingest.synthetic;

import java.util.List;

/**
 * The layout of the HTCDS v2 Excel template's "Case Sheet", as the template itself has it: column
 * A numbers the rows and has no header; row 1, hidden, holds field names, row 2 the labels people
 * type under. The field names are the template's own, defects included: N to R name the address
 * fields in another order than their labels (the data follows the labels), AJ has none, T is
 * misspelled. The picklist labels are the template's validation lists, stray space and capitals
 * included ("Debt bondage ", "Follow up", "Migration Or Change Of Location"). docs/sources.md, "The
 * HTCDS v2 Excel template", describes it.
 *
 * <p>Derived from the Human Trafficking Case Data Standard (HTCDS) v2.0 by IOM (International
 * Organization for Migration), https://github.com/UNMigration/HTCDS, licensed under CC BY 4.0
 * (https://creativecommons.org/licenses/by/4.0/). Changes: the column names, labels and picklists of
 * "HTCDS Excel Spreadsheet single select with validation v2.0.xlsx" written out as constants. IOM
 * does not endorse this project.
 */
final class HtcdsTemplate {

    /** A column of the case sheet: its hidden field name (row 1) and its label (row 2). */
    record Column(String fieldName, String label) {}

    /** Columns B to AM, in order; column A is the row number. */
    static final List<Column> COLUMNS = List.of(
            new Column("cas_CaseOwner", "Case Owner"),
            new Column("prs_Salutation", "Salutation"),
            new Column("prs_FirstName", "First Name"),
            new Column("prs_SecondName", "Second Name"),
            new Column("con_Consent", "Consent"),
            new Column("prs_Birthdate", "Birthdate"),
            new Column("prs_Gender", "Gender"),
            new Column("prs_Citizenship", "Citizenship"),
            new Column("prs_Title", "Title"),
            new Column("prs_Email", "Email"),
            new Column("prs_HomePhone", "Home Phone"),
            new Column("prs_MobilePhone", "Mobile Phone"),
            new Column("prs_MailingCity", "Mailing Street"),
            new Column("prs_MailingCountry", "Mailing City"),
            new Column("prs_MailingState", "Mailing State/Province"),
            new Column("prs_MailingStreet", "Mailing Zip/Postal Code"),
            new Column("prs_MailingPostalCode", "Mailing Country"),
            new Column("vic_TraffickingStatus", "Trafficking Status"),
            new Column("vic_TraffickinStatusDecisionMakingOrg", "Trafficking Status Decision Making Organization"),
            new Column("vic_MethodOfRecruitment", "Method of Recruitment"),
            new Column("vic_LocationOfRecruitment", "Location of Recruitment"),
            new Column("vic_MethodsOfControl", "Methods of Control"),
            new Column("vic_TypeOfExploitation", "Type of Exploitation"),
            new Column("vic_ForcedLabourIndustry", "Forced Labour Industry"),
            new Column("vic_TypeOfSexExploitation", "Type of Sex Exploitation"),
            new Column("vic_LocationOfExploitation", "Location of Exploitation"),
            new Column("cas_Status", "Status"),
            new Column("cas_ReferringOrganisation", "Referring Organisation"),
            new Column("cas_IncomingReferralDate", "Incoming Referral Date"),
            new Column("cas_ReferringPrimaryCaseWorker", "Referring Primary Case Worker"),
            new Column("cas_ReasonForIncomingReferral", "Reason for Incoming Referral"),
            new Column("cas_IncomingReferralDetails", "Incoming Referral Details"),
            new Column("cas_ReferredOrganisation", "Referred Organisation"),
            new Column("cas_ReferredPrimaryCaseWorker", "Referred Primary Case Worker"),
            new Column("", "Reason for Outgoing Referral"),
            new Column("cas_OutgoingReferralDate", "Outgoing Referral Date"),
            new Column("cas_OutgoingReferralDetails", "Outgoing Referral Details"),
            new Column("cas_ReasonForCaseClosure", "Reason for Case Closure"));

    /** The template numbers this many rows in column A, whether they hold a case or not. */
    static final int NUMBERED_ROWS = 1000;

    static final List<String> TRAFFICKING_STATUS =
            List.of("Possible victim of trafficking", "Actual victim of trafficking", "Not a victim of trafficking");
    static final List<String> DECISION_MAKING_ORGANIZATION =
            List.of("Police", "NGO", "Court or prosecution", "Non-police governmental organization", "Other");
    static final List<String> METHOD_OF_RECRUITMENT = List.of(
            "At a place of business",
            "At an educational institution",
            "At work",
            "Through online social networks",
            "Through an online advertisement",
            "Through a television advert",
            "Through a newspaper advert",
            "Through family or family events",
            "Through friends or social events",
            "Other");
    /** As the single-select template writes them: "Debt bondage " with its trailing space. */
    static final List<String> METHODS_OF_CONTROL = List.of(
            "Physical threats",
            "Threats of law enforcement",
            "Threatens children/family",
            "Debt bondage ",
            "False promises",
            "Physical abuse",
            "Sexual abuse",
            "Takes earnings",
            "Restricts financial access",
            "Restricts medical care",
            "Withholds necessities",
            "Psychological abuse",
            "Psychoactive substance",
            "Excessive working hours",
            "Withholds documents",
            "Other");

    static final String SEXUAL_EXPLOITATION = "Sexual exploitation";
    static final String FORCED_LABOUR = "Forced labour";
    static final String CHILD_LABOUR = "Child labour";
    static final String FORCED_MARRIAGE = "Forced marriage";
    static final String SERVITUDE = "Servitude";
    static final List<String> OTHER_EXPLOITATION = List.of("Forced begging", "Organ removal", "Other");

    static final List<String> FORCED_LABOUR_INDUSTRY = List.of(
            "Agriculture, forestry and fishing",
            "Manufacturing",
            "Construction",
            "Accommodation and food service activities",
            "Wholesale and retail trade; repair of motor vehicles and motorcycles");
    static final String HOUSEHOLDS_AS_EMPLOYERS = "Activities of households as employers; undifferentiated goods-"
            + " and services- producing activities of households for own use";
    static final List<String> TYPE_OF_SEX_EXPLOITATION =
            List.of("Prostitution", "Pornography", "Remote Interactive Services", "Private Sexual Services");

    /** The template's Status list: "Follow up" where the standard writes "Follow Up". */
    static final String ACTIVE = "Active";

    static final String FOLLOW_UP = "Follow up";
    static final String CLOSED = "Closed";
    static final String CLOSED_REFERRED = "Closed Referred";

    static final String ADDITIONAL_SERVICES = "Additional Services Required";
    static final String MIGRATION = "Migration Or Change Of Location";
    static final String OTHER = "Other";

    /** The validation sheet's names of the only citizenships the generator draws. */
    static final String CAMBODIA = "Cambodia";

    static final String VIET_NAM = "Viet Nam";

    private HtcdsTemplate() {}
}

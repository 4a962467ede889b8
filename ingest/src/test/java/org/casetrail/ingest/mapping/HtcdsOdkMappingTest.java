package org.casetrail.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.casetrail.ingest.pseudonym.PseudonymKey;
import org.casetrail.ingest.pseudonym.Pseudonymizer;
import org.casetrail.ingest.read.ExportRecord;
import org.casetrail.ingest.record.RecordTranslator;
import org.casetrail.ingest.record.Translation;
import org.casetrail.schemas.CaseEventCodec;
import org.casetrail.schemas.event.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mappings/htcds-v2-odk.yaml on an export of the HTCDS XLSForm as ODK Central writes it: the main
 * table named after the form id, Central's meta columns around the form's fields, choice names as
 * values, select_multiple names separated by spaces, dates ISO; and the follow-up repeat group of
 * docs/sources.md in its own file, linked by PARENT_KEY.
 */
class HtcdsOdkMappingTest {

    static final LocalDate SNAPSHOT = LocalDate.of(2024, 6, 30);

    /** The header Central writes for the HTCDS XLSForm (no groups, so only meta-instanceID has a prefix). */
    static final String HEADER = "SubmissionDate,start,end,con_Consent,prs_Salutation,prs_First_Name,prs_Second_Name,"
            + "prs_Birthdate,prs_Gender,prs_Citizenship,prs_Title,prs_Email,prs_HomePhone,prs_MobilePhone,"
            + "prs_MailingCity,prs_MailingCountry,prs_MailingState,prs_MailingStreet,prs_MailingPostalCode,"
            + "vic_MethodOfRecruitment,vic_LocationOfRecruitment,vic_TraffickingStatus,"
            + "vic_TraffickingStatusDecisionMakingOrg,vic_Methods_of_Control,vic_TypeOfExploitation,"
            + "vic_ForcedLabourIndustry,vic_TypeOfSexExploitation,vic_LocationOfExploitation,cas_Status,"
            + "cas_ReferringOrganisation,cas_IncomingReferralDate,cas_ReferringPrimaryCaseWorker,"
            + "cas_ReasonForIncomingReferral,cas_IncomingReferralDetails,__version__,meta-instanceID,KEY,"
            + "SubmitterID,SubmitterName,AttachmentsPresent,AttachmentsExpected,Status,ReviewState,DeviceID,Edits,"
            + "FormVersion";

    static final String FOLLOW_UP_HEADER = "fu_Date,fu_Status,fu_Livelihood,fu_Income,PARENT_KEY,KEY";

    static final String ROTHA = "uuid:0a1b861f-a5fd-4f49-846a-78dcf06cfc1b";
    static final String KIMSOUR = "uuid:48583952-1892-4931-8d9c-869e7b49bafb";
    static final String PHEAROM = "uuid:9f3c2e10-77aa-4b0e-9d61-3c1f0e8b2a55";

    @TempDir
    Path dir;

    /** Three submissions: referred by the police; registered without a referral; closed by referral. */
    Path submissions() throws Exception {
        Path file = dir.resolve("htcds_xlsform.csv");
        Files.writeString(
                file,
                String.join(
                                "\n",
                                HEADER,
                                "2024-03-01T10:20:11.000Z,2024-03-01T10:15:02.123+07:00,2024-03-01T10:19:40.456+07:00,TRUE,"
                                        + "Ms,Rotha,Prum,1990-05-17,Feminine,KH,,rotha.prum@mail.example,023 555 101,"
                                        + "012 555 101,Prek Leap,KH,Kandal,\"House 12, Street 271\",12000,AtWork,Poipet,"
                                        + "ActualVictimOfTrafficking,Police,PhysicalThreats DebtBondage,SexualExploitation,,"
                                        + "Prostitution,Svay Pak,Active,Police,2024-02-27,Officer Vichet,Additional services,,"
                                        + "vSmt4GQA3C9uBMLPEVfgND," + ROTHA + "," + ROTHA + ",5,Staff Sarath,0,0,,,,0,"
                                        + "vSmt4GQA3C9uBMLPEVfgND",
                                "2024-04-02T08:00:00.000Z,2024-04-02T07:41:00.000+07:00,2024-04-02T07:59:00.000+07:00,FALSE,"
                                        + ",Kimsour,Nhem,,Feminine,VN,,,023 555 202,,,,,,,,,PossibleVictimOfTrafficking,NGO,,"
                                        + "ForcedLabour SexualExploitation,C_Manufacturing,,,FollowUp,,,,,,"
                                        + "vSmt4GQA3C9uBMLPEVfgND," + KIMSOUR + "," + KIMSOUR
                                        + ",5,Staff Sarath,0,0,,approved,,"
                                        + "0,vSmt4GQA3C9uBMLPEVfgND",
                                "2024-05-06T09:00:00.000Z,2024-05-06T08:30:00.000+07:00,2024-05-06T08:55:00.000+07:00,,"
                                        + ",Phearom,Yim,1988-01-09,Feminine,KH,,,,012 555 303,,,,,,,,,,,Servitude,,,,"
                                        + "ClosedReferred,Partner NGO,2024-05-01,,,,vSmt4GQA3C9uBMLPEVfgND," + PHEAROM
                                        + ","
                                        + PHEAROM + ",7,Staff Sarath,0,0,,edited,,1,vSmt4GQA3C9uBMLPEVfgND")
                        + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    /** Follow-ups of Rotha and Kimsour, and one whose submission is not in the export. */
    Path followUps() throws Exception {
        Path file = dir.resolve("htcds_xlsform-followups.csv");
        Files.writeString(
                file,
                String.join(
                                "\n",
                                FOLLOW_UP_HEADER,
                                "2024-05-10,Stable,Employed,AtOrAboveMinimumWage," + ROTHA + "," + ROTHA
                                        + "/followups[1]",
                                "2024-07-12,AtRisk,None,None," + ROTHA + "," + ROTHA + "/followups[2]",
                                "2024-06-01,LostContact,,," + KIMSOUR + "," + KIMSOUR + "/followups[1]",
                                "2024-06-02,Stable,Studying,None,uuid:deleted," + "uuid:deleted/followups[1]")
                        + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    static List<ExportRecord> read(List<Path> files) {
        List<ExportRecord> records = new ArrayList<>();
        MappedExport.open(
                        MappingLoader.load(HtcdsTemplateWorkbook.shippedMapping("htcds-v2-odk.yaml")),
                        files,
                        Optional.of(SNAPSHOT))
                .read(records::add, MappingObserver.NONE);
        return records;
    }

    static String text(ExportRecord record, String path) {
        return HtcdsExcelMappingTest.text(record.content(), path);
    }

    @Test
    void eachSubmissionIsOneWomanAndEachRepeatRowAFollowUpOfHers() throws Exception {
        List<ExportRecord> records = read(List.of(submissions(), followUps()));

        String rotha = "[\"rotha\",\"prum\",\"1990-05-17\"]";
        String kimsour = "[\"kimsour\",\"nhem\",\"\"]";
        String phearom = "[\"phearom\",\"yim\",\"1988-01-09\"]";
        assertThat(records.stream().filter(ExportRecord::readable).toList())
                .extracting(
                        r -> text(r, "case_id"),
                        r -> text(r, "type"),
                        r -> text(r, "occurred_at"),
                        r -> r.content().path("details").toString())
                .containsExactly(
                        tuple(
                                rotha,
                                "CASE_IDENTIFIED",
                                "2024-02-27",
                                "{\"referral_source\":\"POLICE_OPERATION\",\"exploitation_type\":\"SEXUAL\"}"),
                        tuple(rotha, "CONSENT_RECORDED", "2024-02-27", "{\"research_use\":true,\"story_use\":false}"),
                        tuple(
                                kimsour,
                                "CASE_IDENTIFIED",
                                "2024-04-02",
                                "{\"referral_source\":\"OUTREACH\",\"exploitation_type\":\"OTHER\"}"),
                        tuple(
                                kimsour,
                                "CONSENT_RECORDED",
                                "2024-04-02",
                                "{\"research_use\":false,\"story_use\":false}"),
                        tuple(
                                phearom,
                                "CASE_IDENTIFIED",
                                "2024-05-01",
                                "{\"referral_source\":\"NGO_REFERRAL\",\"exploitation_type\":\"DOMESTIC_SERVITUDE\"}"),
                        tuple(phearom, "CASE_CLOSED", "2024-06-30", "{\"reason\":\"TRANSFERRED\"}"),
                        tuple(
                                rotha,
                                "FOLLOW_UP",
                                "2024-05-10",
                                "{\"status\":\"STABLE\",\"livelihood\":\"EMPLOYED\","
                                        + "\"income_band\":\"AT_OR_ABOVE_MINIMUM_WAGE\"}"),
                        tuple(
                                rotha,
                                "FOLLOW_UP",
                                "2024-07-12",
                                "{\"status\":\"AT_RISK\",\"livelihood\":\"NONE\",\"income_band\":\"NONE\"}"),
                        tuple(kimsour, "FOLLOW_UP", "2024-06-01", "{\"status\":\"LOST_CONTACT\"}"));
        ExportRecord identified = records.get(0);
        assertThat(identified.content().get("person").toString())
                .isEqualTo("{\"given_name\":\"Rotha\",\"family_name\":\"Prum\",\"date_of_birth\":\"1990-05-17\","
                        + "\"phone\":\"012 555 101\",\"email\":\"rotha.prum@mail.example\",\"village\":\"Prek Leap\","
                        + "\"nationality\":\"KH\"}");
        assertThat(text(records.get(2), "person.phone")).isEqualTo("023 555 202");
        assertThat(records.get(8).content().get("person"))
                .as("a repeat row carries no person block of its own")
                .isNull();
        assertThat(records.stream().filter(r -> !r.readable()).toList())
                .as("the follow-up whose submission is not in the export")
                .extracting(ExportRecord::unreadable, ExportRecord::field, ExportRecord::lineNumber)
                .containsExactly(tuple(RejectReason.BAD_VALUE, "PARENT_KEY", 5L));
    }

    @Test
    void anExportWithoutTheRepeatGroupIsReadAllTheSame() throws Exception {
        List<ExportRecord> records = read(List.of(submissions()));
        assertThat(records).hasSize(6).allMatch(ExportRecord::readable);
    }

    @Test
    void noIdentityOfTheExportLeavesIngest() throws Exception {
        RecordTranslator translator = new RecordTranslator(new Pseudonymizer(PseudonymKey.of(new byte[32])));
        StringBuilder out = new StringBuilder();
        int accepted = 0;
        for (ExportRecord record : read(List.of(submissions(), followUps()))) {
            Translation translation = translator.translate(record);
            if (translation instanceof Translation.Accepted a) {
                accepted++;
                out.append(new String(CaseEventCodec.encode(a.event()), StandardCharsets.UTF_8));
            } else {
                out.append(new String(
                        CaseEventCodec.encode(((Translation.Rejected) translation).reject()), StandardCharsets.UTF_8));
            }
        }
        assertThat(accepted).isEqualTo(9);
        String bytes = out.toString().toLowerCase(Locale.ROOT);
        for (String identity : HtcdsExcelMappingTest.identities()) {
            assertThat(bytes).as("identity %s", identity).doesNotContain(identity);
        }
        for (String identity : List.of("1990-05-17", "1988-01-09", "0a1b861f", "48583952", "poipet")) {
            assertThat(bytes).as("identity %s", identity).doesNotContain(identity);
        }
    }
}

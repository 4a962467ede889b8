package org.casetrail.ingest.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class HtcdsWorkbookTest {

    static byte[] bytes(int cases, long seed, List<HtcdsCase> written) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtcdsWorkbook.write(SyntheticExport.Settings.defaults(cases, seed), out, written::add);
        return out.toByteArray();
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOtherWomen() throws Exception {
        byte[] first = bytes(300, 1, new ArrayList<>());
        assertThat(bytes(300, 1, new ArrayList<>())).isEqualTo(first);
        assertThat(bytes(300, 2, new ArrayList<>())).isNotEqualTo(first);
    }

    @Test
    void theCaseSheetHasTheTemplatesHeaderRowsAndOneRowPerWoman() throws Exception {
        List<HtcdsCase> written = new ArrayList<>();
        byte[] file = bytes(300, 3, written);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Case Sheet");
            assertThat(List.of(workbook.getSheetName(1), workbook.getSheetName(2), workbook.getSheetName(3)))
                    .containsExactly("about", "Services", "Follow-ups");
            Sheet sheet = workbook.getSheet("Case Sheet");
            Row names = sheet.getRow(0);
            Row labels = sheet.getRow(1);
            assertThat(names.getZeroHeight()).as("row 1 hidden").isTrue();
            assertThat(names.getCell(0)).isNull();
            assertThat(names.getCell(13).getStringCellValue()).isEqualTo("prs_MailingCity");
            assertThat(labels.getCell(13).getStringCellValue()).isEqualTo("Mailing Street");
            assertThat(names.getCell(19).getStringCellValue()).isEqualTo("vic_TraffickinStatusDecisionMakingOrg");
            assertThat(names.getCell(35)).as("AJ has no field name").isNull();
            assertThat(labels.getCell(35).getStringCellValue()).isEqualTo("Reason for Outgoing Referral");
            assertThat(labels.getLastCellNum()).isEqualTo((short) 39);

            assertThat(written).hasSize(300);
            assertThat(sheet.getLastRowNum()).as("a thousand numbered rows").isEqualTo(1001);
            assertThat(sheet.getRow(1001).getCell(0).getNumericCellValue()).isEqualTo(1000);
            assertThat(sheet.getRow(1001).getLastCellNum()).isEqualTo((short) 1);
            int serials = 0;
            int dates = 0;
            int texts = 0;
            for (int r = 0; r < written.size(); r++) {
                Row row = sheet.getRow(2 + r);
                HtcdsCase woman = written.get(r);
                assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(r + 1);
                assertThat(row.getCell(3).getStringCellValue()).isEqualTo(woman.givenName());
                Cell birthdate = row.getCell(6);
                if (woman.dateOfBirth() == null) {
                    assertThat(birthdate).isNull();
                } else if (birthdate.getCellType() == CellType.STRING) {
                    texts++;
                } else if (DateUtil.isCellDateFormatted(birthdate)) {
                    dates++;
                    assertThat(birthdate.getLocalDateTimeCellValue().toLocalDate())
                            .isEqualTo(woman.dateOfBirth());
                } else {
                    serials++;
                    assertThat(DateUtil.getLocalDateTime(birthdate.getNumericCellValue())
                                    .toLocalDate())
                            .isEqualTo(woman.dateOfBirth());
                }
                Cell referral = row.getCell(29);
                if (referral != null) {
                    assertThat(DateUtil.isCellDateFormatted(referral)).isTrue();
                    assertThat(referral.getLocalDateTimeCellValue().toLocalDate())
                            .isEqualTo(woman.identifiedOn());
                } else {
                    assertThat(woman.identifiedOn()).isEqualTo(LocalDate.of(2009, 12, 31));
                }
            }
            assertThat(List.of(serials, dates, texts))
                    .allSatisfy(n -> assertThat(n).isPositive());
            assertThat(workbook.getSheet("Services").getLastRowNum()).isGreaterThan(300 * 5);
            assertThat(workbook.getSheet("Follow-ups").getLastRowNum()).isPositive();
        }
    }
}

package org.casetrail.ingest.synthetic;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One made-up case as an organisation keeping the HTCDS v2 Excel template writes it down: a row of
 * the case sheet, where only the identification, her consent and the case's status fit, and rows of
 * the two sheets it adds beside it for what the standard does not record, "Services" (shelter,
 * care, training, work, reintegration) and "Follow-ups". The cells are as people type them: birth
 * dates as date cells, serial numbers or text, dates of events as date cells, the template's
 * labels with their stray spaces. A cell is a String, a Number (a General cell) or a LocalDate (a
 * date-formatted cell); null leaves it empty. What the shipped mapping makes of the row is told in
 * an {@link HtcdsCase}.
 */
final class HtcdsRows {

    /** The organisations that refer women, by referral source, as the shipped mapping names them. */
    private static final Map<String, List<String>> REFERRERS = Map.of(
            "POLICE_OPERATION", List.of("Police", "Anti-Human Trafficking and Juvenile Protection Police"),
            "OUTREACH", List.of("Outreach team"),
            "HOTLINE", List.of("Hotline"),
            "SELF_REFERRAL", List.of("Self-referral"),
            "NGO_REFERRAL", List.of("Partner NGO", "NGO"),
            "FAMILY", List.of("Family"),
            "OTHER", List.of("Local authority", "Other"));

    private static final List<String> STAFF =
            List.of("Sopheak Heng", "Dara Sem", "Ratha Ouk", "Sambath Chea", "Vibol Pen", "Kosal Ros");
    private static final List<String> OFFICERS =
            List.of("Officer Vichet Tan", "Officer Sokun Mey", "Lt. Samnang Uy", "Officer Piseth Nov");
    private static final List<String> PLACES =
            List.of("Poipet", "Phnom Penh", "Bangkok", "Koh Kong", "Siem Reap", "Pattaya", "Kuala Lumpur");
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH_NAME = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** The rows of one case and what the mapping makes of them. */
    record Case(Object[] caseRow, List<Object[]> services, List<Object[]> followUps, HtcdsCase written) {}

    private final LocalDate snapshotDate;
    private final Random random;
    /** The identities (names and birth date) already written: two rows that share one are one woman. */
    private final Set<String> identities = new HashSet<>();

    /**
     * @param snapshotDate the day the workbook describes
     * @param random       how the cells are written (formats, labels, optional cells); the case's
     *                     story is told by its own random source
     */
    HtcdsRows(LocalDate snapshotDate, Random random) {
        this.snapshotDate = snapshotDate;
        this.random = random;
    }

    Case of(List<RawEvent> events) {
        RawEvent identified = first(events, "CASE_IDENTIFIED");
        FakePerson person = identified.person;
        LocalDate dob = uniqueBirthDate(person, identified.occurredOn);
        String source = (String) identified.details.get("referral_source");
        // Some rows leave the referral empty: the mapping dates them by the snapshot, as from outreach.
        boolean referralWritten = random.nextInt(100) >= 8;
        LocalDate identifiedOn = referralWritten ? identified.occurredOn : snapshotDate;
        String exploitation = (String) identified.details.get("exploitation_type");
        Boolean consent = researchConsent(events);
        RawEvent closure = last(events, "CASE_CLOSED");
        boolean movedAway = closure != null && "MOVED_AWAY".equals(closure.details.get("reason"));
        List<String> identifiers = new ArrayList<>();
        if (dob != null) {
            identifiers.add(dob.toString());
        }

        Object[] row = new Object[1 + HtcdsTemplate.COLUMNS.size()];
        set(row, "Case Owner", pick(STAFF), identifiers);
        set(row, "Salutation", random.nextInt(10) < 5 ? "Ms" : random.nextInt(10) < 4 ? "Miss" : null, null);
        set(row, "First Name", person.givenName(), identifiers);
        set(row, "Second Name", person.familyName(), identifiers);
        set(row, "Consent", consent == null ? null : consent ? "Yes" : "No", null);
        set(row, "Birthdate", birthDate(dob), identifiers);
        set(row, "Gender", "Feminine", null);
        set(
                row,
                "Citizenship",
                "VN".equals(person.nationality()) ? HtcdsTemplate.VIET_NAM : HtcdsTemplate.CAMBODIA,
                null);
        set(row, "Email", person.email(), identifiers);
        set(row, "Home Phone", random.nextInt(10) == 0 ? "023 " + digits(3) + " " + digits(3) : null, identifiers);
        set(row, "Mobile Phone", person.phone(), identifiers);
        set(row, "Mailing Street", "House " + (1 + random.nextInt(240)) + ", Street " + digits(3), identifiers);
        set(row, "Mailing City", person.village(), identifiers);
        set(row, "Mailing State/Province", person.province(), null);
        set(row, "Mailing Zip/Postal Code", "12" + digits(4), identifiers);
        set(row, "Mailing Country", "KH", null);
        set(row, "Trafficking Status", HtcdsTemplate.TRAFFICKING_STATUS.get(random.nextInt(100) < 85 ? 1 : 0), null);
        set(
                row,
                "Trafficking Status Decision Making Organization",
                HtcdsTemplate.DECISION_MAKING_ORGANIZATION.get(random.nextInt(3)),
                null);
        set(row, "Method of Recruitment", pick(HtcdsTemplate.METHOD_OF_RECRUITMENT), null);
        set(row, "Location of Recruitment", pick(PLACES), null);
        set(row, "Methods of Control", pick(HtcdsTemplate.METHODS_OF_CONTROL), null);
        exploitation(row, exploitation, person, identified.occurredOn);
        set(row, "Location of Exploitation", pick(PLACES), null);
        set(
                row,
                "Status",
                closure != null
                        ? movedAway ? HtcdsTemplate.CLOSED_REFERRED : HtcdsTemplate.CLOSED
                        : first(events, "REINTEGRATED") != null ? HtcdsTemplate.FOLLOW_UP : HtcdsTemplate.ACTIVE,
                null);
        if (referralWritten) {
            set(row, "Referring Organisation", pick(REFERRERS.get(source)), null);
            set(row, "Incoming Referral Date", identified.occurredOn, null);
            if (source.equals("POLICE_OPERATION") || source.equals("NGO_REFERRAL")) {
                set(row, "Referring Primary Case Worker", pick(OFFICERS), identifiers);
            }
            set(
                    row,
                    "Reason for Incoming Referral",
                    random.nextInt(10) < 8 ? HtcdsTemplate.ADDITIONAL_SERVICES : HtcdsTemplate.OTHER,
                    null);
            set(row, "Incoming Referral Details", "Referred for shelter and care", null);
        }
        if (movedAway) {
            set(row, "Referred Organisation", "Partner NGO", null);
            set(row, "Referred Primary Case Worker", pick(STAFF), identifiers);
            set(row, "Reason for Outgoing Referral", HtcdsTemplate.MIGRATION, null);
            set(row, "Outgoing Referral Date", closure.occurredOn, null);
            set(row, "Outgoing Referral Details", "Moved to another province", null);
        }
        if (closure != null) {
            set(row, "Reason for Case Closure", closureText(closure), null);
        }

        Object[] who = {person.givenName(), person.familyName(), dob};
        HtcdsCase written = new HtcdsCase(
                person.givenName(),
                person.familyName(),
                dob,
                identifiedOn,
                referralWritten ? source : "OUTREACH",
                exploitation,
                consent,
                closure == null ? null : movedAway ? closure.occurredOn : snapshotDate,
                closure == null ? null : movedAway ? "MOVED_AWAY" : "OTHER",
                List.copyOf(identifiers));
        return new Case(row, services(events, who), followUps(events, who), written);
    }

    private void exploitation(Object[] row, String code, FakePerson person, LocalDate on) {
        switch (code) {
            case "SEXUAL" -> {
                set(row, "Type of Exploitation", HtcdsTemplate.SEXUAL_EXPLOITATION, null);
                set(
                        row,
                        "Type of Sex Exploitation",
                        HtcdsTemplate.TYPE_OF_SEX_EXPLOITATION.get(random.nextInt(10) < 8 ? 0 : 1 + random.nextInt(3)),
                        null);
            }
            case "LABOUR" -> {
                boolean child = person.dateOfBirth() != null
                        && person.dateOfBirth().plusYears(15).isAfter(on);
                set(
                        row,
                        "Type of Exploitation",
                        child ? HtcdsTemplate.CHILD_LABOUR : HtcdsTemplate.FORCED_LABOUR,
                        null);
                set(row, "Forced Labour Industry", pick(HtcdsTemplate.FORCED_LABOUR_INDUSTRY), null);
            }
            case "FORCED_MARRIAGE" -> set(row, "Type of Exploitation", HtcdsTemplate.FORCED_MARRIAGE, null);
            case "DOMESTIC_SERVITUDE" -> {
                set(row, "Type of Exploitation", HtcdsTemplate.SERVITUDE, null);
                set(row, "Forced Labour Industry", HtcdsTemplate.HOUSEHOLDS_AS_EMPLOYERS, null);
            }
            default -> set(row, "Type of Exploitation", pick(HtcdsTemplate.OTHER_EXPLOITATION), null);
        }
    }

    /** The Services rows of a case, one per date and service, in the order they happened. */
    private List<Object[]> services(List<RawEvent> events, Object[] who) {
        List<Object[]> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RawEvent event : byDate(events)) {
            String service = HtcdsOwnSheets.SERVICES.get(event.type);
            if (service == null || !seen.add(event.occurredOn + service)) {
                continue;
            }
            Object centre = event.details.get("centre");
            Object detail = null;
            for (Map.Entry<String, Map<String, String>> labels : HtcdsOwnSheets.DETAILS.entrySet()) {
                if (event.details.get(labels.getKey()) instanceof String code) {
                    detail = labels.getValue().get(code);
                }
            }
            if (event.details.get("grade_level") instanceof Integer grade) {
                detail = grade;
            }
            rows.add(new Object[] {
                who[0],
                who[1],
                who[2],
                event.occurredOn,
                random.nextInt(20) == 0 ? service.toLowerCase(Locale.ROOT) + " " : service,
                centre == null ? null : HtcdsOwnSheets.CENTRES.get((String) centre),
                detail
            });
        }
        return rows;
    }

    private List<Object[]> followUps(List<RawEvent> events, Object[] who) {
        List<Object[]> rows = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        for (RawEvent event : byDate(events)) {
            if (event.type.equals("FOLLOW_UP") && seen.add(event.occurredOn)) {
                rows.add(new Object[] {
                    who[0],
                    who[1],
                    who[2],
                    event.occurredOn,
                    followUpLabel(event, "status"),
                    followUpLabel(event, "livelihood"),
                    followUpLabel(event, "income_band")
                });
            }
        }
        return rows;
    }

    /** A follow-up's label for a detail; null (an empty cell) when she could not be reached to say. */
    private static String followUpLabel(RawEvent event, String detail) {
        return event.details.get(detail) instanceof String code ? HtcdsOwnSheets.FOLLOW_UP_LABELS.get(code) : null;
    }

    /**
     * Her birth date, or null when unknown; moved by a day, or made known, when another woman of the
     * workbook already has her names and birth date: the sheet would make them one woman.
     */
    private LocalDate uniqueBirthDate(FakePerson person, LocalDate identifiedOn) {
        LocalDate dob = person.dateOfBirth();
        String names = person.givenName().toLowerCase(Locale.ROOT) + "|"
                + person.familyName().toLowerCase(Locale.ROOT) + "|";
        if (dob == null && identities.add(names)) {
            return null;
        }
        if (dob == null) {
            dob = identifiedOn.minusYears(20).minusDays(random.nextInt(3650));
        }
        while (!identities.add(names + dob)) {
            dob = dob.plusDays(1);
        }
        return dob;
    }

    /** A birth date as staff leave it in the template's General cell: a date, a serial number or text. */
    private Object birthDate(LocalDate dob) {
        if (dob == null) {
            return null;
        }
        int roll = random.nextInt(100);
        if (roll < 60) {
            return dob;
        }
        if (roll < 85) {
            return (double) java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), dob);
        }
        return (roll < 93 ? DAY_FIRST : DAY_MONTH_NAME).format(dob);
    }

    /** Her latest consent's research use: what the Consent cell says today; some rows leave it empty. */
    private Boolean researchConsent(List<RawEvent> events) {
        RawEvent latest = null;
        for (RawEvent event : byDate(events)) {
            if (event.type.equals("CONSENT_RECORDED") || event.type.equals("CONSENT_WITHDRAWN")) {
                latest = event;
            }
        }
        if (latest == null || random.nextInt(100) < 5) {
            return null;
        }
        return (Boolean) latest.details.get("research_use");
    }

    private static String closureText(RawEvent closure) {
        return switch ((String) closure.details.get("reason")) {
            case "GOALS_MET" -> "Case plan goals met";
            case "LOST_CONTACT" -> "Lost contact after follow-up";
            case "MOVED_AWAY" -> "Moved away";
            default -> "Closed";
        };
    }

    private static void set(Object[] row, String label, Object value, List<String> identifiers) {
        for (int c = 0; c < HtcdsTemplate.COLUMNS.size(); c++) {
            if (HtcdsTemplate.COLUMNS.get(c).label().equals(label)) {
                row[c + 1] = value;
                if (identifiers != null && value != null) {
                    identifiers.add(
                            value instanceof Double serial ? Long.toString(serial.longValue()) : value.toString());
                }
                return;
            }
        }
        throw new IllegalArgumentException("no column " + label);
    }

    private static List<RawEvent> byDate(List<RawEvent> events) {
        return events.stream()
                .sorted(Comparator.comparing((RawEvent e) -> e.occurredOn).thenComparing(e -> e.sourceEventId))
                .toList();
    }

    private static RawEvent first(List<RawEvent> events, String type) {
        return byDate(events).stream()
                .filter(e -> e.type.equals(type))
                .findFirst()
                .orElse(null);
    }

    private static RawEvent last(List<RawEvent> events, String type) {
        RawEvent last = null;
        for (RawEvent event : byDate(events)) {
            if (event.type.equals(type)) {
                last = event;
            }
        }
        return last;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String digits(int count) {
        return FakePerson.digits(random, count);
    }
}

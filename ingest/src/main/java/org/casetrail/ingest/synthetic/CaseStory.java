package org.casetrail.ingest.synthetic;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The events of one made-up case, following the programme: identification with the police or
 * outreach, consent, shelter, care, education and training, work or a business, reintegration,
 * follow-ups every two to three months, and for some a court case and a testimony. Everything
 * after the export date is cut off, as it would be in a real export.
 */
final class CaseStory {

    private static final ZoneOffset PHNOM_PENH = ZoneOffset.ofHours(7);
    private static final String[] COURSES = {
        "KHMER_LITERACY", "ENGLISH", "COMPUTER", "SEWING", "HAIRDRESSING", "WEAVING", "JEWELRY"
    };

    private final Random random;
    private final String caseId;
    private final LocalDate exportDate;
    private final List<RawEvent> events = new ArrayList<>();
    private final SyntheticExport.Mess mess;
    private int sequence;

    CaseStory(Random random, String caseId, LocalDate exportDate, SyntheticExport.Mess mess) {
        this.random = random;
        this.caseId = caseId;
        this.exportDate = exportDate;
        this.mess = mess;
    }

    List<RawEvent> tell(LocalDate identifiedOn, String centre) {
        boolean minor = random.nextInt(100) < 21;
        FakePerson person = FakePerson.draw(random, identifiedOn, minor, random.nextInt(100) >= 3);

        RawEvent identified = add("CASE_IDENTIFIED", identifiedOn)
                .detail(
                        "referral_source",
                        weighted(
                                new String[] {
                                    "POLICE_OPERATION",
                                    "OUTREACH",
                                    "HOTLINE",
                                    "SELF_REFERRAL",
                                    "NGO_REFERRAL",
                                    "FAMILY",
                                    "OTHER"
                                },
                                new int[] {45, 25, 8, 5, 10, 5, 2}))
                .detail(
                        "exploitation_type",
                        weighted(
                                new String[] {"SEXUAL", "LABOUR", "FORCED_MARRIAGE", "DOMESTIC_SERVITUDE", "OTHER"},
                                new int[] {74, 11, 5, 7, 3}))
                .detail("province", person.province());
        identified.centre = centre;
        identified.person = person;

        boolean storyConsent = random.nextInt(100) < 30;
        add("CONSENT_RECORDED", identifiedOn.plusDays(random.nextInt(4)))
                .detail("research_use", random.nextInt(100) < 96)
                .detail("story_use", storyConsent);

        LocalDate day = identifiedOn.plusDays(random.nextInt(8));
        boolean sheltered = random.nextInt(100) < 90;
        LocalDate reintegratedOn;
        if (sheltered) {
            add("SHELTER_ADMITTED", day).detail("centre", centre);
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                add("MEDICAL_CARE", day.plusDays(random.nextInt(60)))
                        .detail(
                                "kind",
                                weighted(
                                        new String[] {"GENERAL", "SEXUAL_AND_REPRODUCTIVE", "MENTAL_HEALTH"},
                                        new int[] {50, 35, 15}));
            }
            for (int i = 2 + random.nextInt(5); i > 0; i--) {
                add("COUNSELLING_SESSION", day.plusDays(random.nextInt(180)))
                        .detail("kind", weighted(new String[] {"INDIVIDUAL", "GROUP", "FAMILY"}, new int[] {60, 30, 10
                        }));
            }
            add("EDUCATION_ASSESSED", day.plusDays(7 + random.nextInt(21))).detail("grade_level", random.nextInt(10));
            LocalDate trainingStart = day.plusDays(20 + random.nextInt(40));
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                trainingStart = train(trainingStart);
            }
            LocalDate exitOn = day.plusDays(90 + random.nextInt(600));
            boolean reintegrates = random.nextInt(100) < 85;
            add("SHELTER_EXITED", exitOn)
                    .detail("centre", centre)
                    .detail(
                            "exit_reason",
                            reintegrates
                                    ? "REINTEGRATED"
                                    : weighted(
                                            new String[] {"TRANSFERRED", "LEFT_VOLUNTARILY", "OTHER"},
                                            new int[] {40, 50, 10}));
            reintegratedOn = reintegrates ? exitOn : null;
        } else {
            reintegratedOn = random.nextInt(100) < 60 ? identifiedOn.plusDays(30 + random.nextInt(120)) : null;
        }
        if (reintegratedOn != null) {
            reintegrate(reintegratedOn);
        }
        if (random.nextInt(100) < 24) {
            prosecute(identifiedOn.plusDays(10 + random.nextInt(200)));
        }
        if (storyConsent && random.nextInt(100) < 40) {
            RawEvent testimony = add("TESTIMONY_RECORDED", identifiedOn.plusDays(100 + random.nextInt(500)));
            testimony.person = person;
            testimony.narrative = Testimonies.write(random, person);
        }
        if (random.nextInt(100) < mess.withdrawnConsentPercent()) {
            add("CONSENT_WITHDRAWN", identifiedOn.plusDays(200 + random.nextInt(800)))
                    .detail("research_use", random.nextBoolean())
                    .detail("story_use", false);
        }
        return finish();
    }

    private LocalDate train(LocalDate start) {
        String course = COURSES[random.nextInt(COURSES.length)];
        add("TRAINING_ENROLLED", start).detail("course", course);
        int roll = random.nextInt(100);
        LocalDate end = start.plusDays(60 + random.nextInt(180));
        if (roll < 72) {
            add("TRAINING_COMPLETED", end).detail("course", course);
            if (random.nextInt(100) < 40) {
                add("CERTIFICATION_EARNED", end.plusDays(random.nextInt(30)))
                        .detail(
                                "certification",
                                course.equals("ENGLISH") || course.equals("KHMER_LITERACY")
                                        ? "LANGUAGE"
                                        : course.equals("COMPUTER") ? "COMPUTER" : "VOCATIONAL");
            }
        } else if (roll < 92) {
            add("TRAINING_DROPPED", start.plusDays(10 + random.nextInt(90))).detail("course", course);
        }
        return start.plusDays(30 + random.nextInt(120));
    }

    private void reintegrate(LocalDate on) {
        add("REINTEGRATED", on)
                .detail(
                        "setting",
                        weighted(new String[] {"FAMILY", "INDEPENDENT", "COMMUNITY_HOUSING"}, new int[] {60, 30, 10}));
        boolean working = random.nextInt(100) < 62;
        if (working) {
            String sector = weighted(
                    new String[] {
                        "GARMENT", "TAILORING", "BEAUTY", "HOSPITALITY", "RETAIL", "AGRICULTURE", "HANDICRAFT", "NGO"
                    },
                    new int[] {20, 20, 15, 15, 10, 10, 7, 3});
            if (random.nextInt(100) < 45) {
                add("BUSINESS_STARTED", on.plusDays(random.nextInt(90)))
                        .detail("sector", sector)
                        .detail(
                                "support",
                                random.nextBoolean()
                                        ? List.of("EQUIPMENT", "RENT")
                                        : List.of("EQUIPMENT", "MATERIALS"));
            } else {
                add("EMPLOYMENT_STARTED", on.plusDays(random.nextInt(120))).detail("sector", sector);
            }
        }
        LocalDate check = on.plusDays(60 + random.nextInt(31));
        LocalDate last = on.plusDays(730 + random.nextInt(366));
        while (!check.isAfter(last)) {
            int roll = random.nextInt(1000);
            String status =
                    roll < 30 ? "RE_TRAFFICKED" : roll < 110 ? "LOST_CONTACT" : roll < 260 ? "AT_RISK" : "STABLE";
            RawEvent followUp = add("FOLLOW_UP", check).detail("status", status);
            if (!status.equals("LOST_CONTACT")) {
                boolean earning = working && random.nextInt(100) < 80;
                followUp.detail(
                        "livelihood",
                        earning
                                ? (random.nextBoolean() ? "EMPLOYED" : "SELF_EMPLOYED")
                                : weighted(new String[] {"STUDYING", "NONE"}, new int[] {30, 70}));
                followUp.detail(
                        "income_band",
                        earning
                                ? (random.nextInt(100) < 70 ? "AT_OR_ABOVE_MINIMUM_WAGE" : "BELOW_MINIMUM_WAGE")
                                : "NONE");
            }
            if (status.equals("RE_TRAFFICKED") || (status.equals("LOST_CONTACT") && random.nextBoolean())) {
                if (random.nextBoolean()) {
                    add("CASE_CLOSED", check.plusDays(30)).detail("reason", "LOST_CONTACT");
                }
                return;
            }
            check = check.plusDays(60 + random.nextInt(31));
        }
        add("CASE_CLOSED", last.plusDays(random.nextInt(30)))
                .detail("reason", random.nextInt(10) < 8 ? "GOALS_MET" : "MOVED_AWAY");
    }

    private void prosecute(LocalDate filedOn) {
        String ref = "CR-" + caseId + "-" + (char) ('A' + random.nextInt(3));
        String charge = weighted(
                new String[] {"TRAFFICKING", "SEXUAL_EXPLOITATION", "PROCURING", "RAPE", "OTHER"},
                new int[] {45, 25, 15, 10, 5});
        add("LEGAL_CASE_FILED", filedOn).detail("legal_case_ref", ref).detail("charge", charge);
        if (random.nextInt(100) < 70) {
            String outcome = weighted(
                    new String[] {"CONVICTION", "ACQUITTAL", "DISMISSED", "WITHDRAWN", "SETTLED"},
                    new int[] {55, 10, 10, 8, 17});
            add("LEGAL_CASE_OUTCOME", filedOn.plusDays(90 + random.nextInt(800)))
                    .detail("legal_case_ref", ref)
                    .detail("charge", charge)
                    .detail("outcome", outcome)
                    .detail(
                            "compensation_awarded",
                            outcome.equals("CONVICTION") && random.nextInt(100) < 30 || outcome.equals("SETTLED"));
        }
    }

    /** Cuts at the export date, records each event, then adds the mess real exports have. */
    private List<RawEvent> finish() {
        List<RawEvent> kept = new ArrayList<>();
        for (RawEvent event : events) {
            if (event.occurredOn.isAfter(exportDate)) {
                continue;
            }
            int delayDays = random.nextInt(100) < mess.latePercent() ? 14 + random.nextInt(60) : random.nextInt(3);
            LocalDate recordedOn = event.occurredOn.plusDays(delayDays);
            if (recordedOn.isAfter(exportDate)) {
                recordedOn = exportDate;
            }
            event.recordedAt =
                    OffsetDateTime.of(recordedOn, LocalTime.of(8 + random.nextInt(9), random.nextInt(60)), PHNOM_PENH);
            kept.add(event);
        }
        kept.sort(Comparator.comparing((RawEvent e) -> e.recordedAt).thenComparing(e -> e.sourceEventId));
        List<RawEvent> messy = new ArrayList<>();
        for (RawEvent event : kept) {
            messy.add(event);
            if (random.nextInt(1000) < mess.duplicatePerMille()) {
                messy.add(event.copyAs(event.sourceEventId));
            }
            if (!event.type.equals("CASE_IDENTIFIED") && random.nextInt(1000) < mess.mistakePerMille()) {
                RawEvent mistake = event.copyAs(caseId + "-" + (++sequence));
                messy.add(mistake);
                RawEvent voided = new RawEvent(
                        caseId + "-" + (++sequence),
                        caseId,
                        "EVENT_VOIDED",
                        event.occurredOn.plusDays(random.nextInt(20)).isAfter(exportDate)
                                ? exportDate
                                : event.occurredOn);
                voided.recordedAt = event.recordedAt.plusDays(1 + random.nextInt(20));
                voided.detail("voided_source_event_id", mistake.sourceEventId);
                messy.add(voided);
            }
            if (random.nextInt(1000) < mess.malformedPerMille()) {
                RawEvent broken = event.copyAs(caseId + "-" + (++sequence));
                broken.corruption = FakePerson.pick(random, List.of("bad_date", "bad_enum", "missing_case"));
                messy.add(broken);
            }
        }
        return messy;
    }

    private RawEvent add(String type, LocalDate on) {
        RawEvent event = new RawEvent(caseId + "-" + (++sequence), caseId, type, on);
        events.add(event);
        return event;
    }

    private String weighted(String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
